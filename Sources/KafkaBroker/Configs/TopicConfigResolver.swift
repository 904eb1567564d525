/// Works out each topic config's effective value and where it comes from, the way Apache's DescribeConfigs does:
/// the topic override, else the first broker synonym set dynamically (cluster default), in the broker's file, or
/// by Apache's default.
public struct TopicConfigResolver: Sendable {
    public var brokerConfig: BrokerConfig
    /// Cluster-wide broker defaults set through AlterConfigs on the broker entity "" (persisted by TopicManager).
    public var dynamicBrokerDefaults: [String: String]

    /// Broker keys whose Apache default differs from the topic default they feed (null, or in other units).
    static let brokerKeyDefaults: [String: String?] = [
        "log.retention.ms": nil, "log.retention.minutes": nil, "log.retention.hours": "168",
        "log.roll.ms": nil, "log.roll.hours": "168", "log.roll.jitter.ms": nil, "log.roll.jitter.hours": "0",
        "log.flush.interval.ms": nil,
    ]

    public init(brokerConfig: BrokerConfig, dynamicBrokerDefaults: [String: String] = [:]) {
        self.brokerConfig = brokerConfig
        self.dynamicBrokerDefaults = dynamicBrokerDefaults
    }

    public func resolveAll(overrides: [String: String]) -> [ResolvedConfig] {
        TopicConfigs.all.map { resolve($0, overrides: overrides) }
    }

    public func resolve(_ definition: ConfigDefinition, overrides: [String: String]) -> ResolvedConfig {
        var synonyms: [ResolvedConfig.Synonym] = []
        if let value = overrides[definition.name] {
            synonyms.append(.init(name: definition.name, value: value, source: .dynamicTopicConfig))
        }
        for key in definition.brokerSynonyms {
            if let value = dynamicBrokerDefaults[key] {
                synonyms.append(.init(name: key, value: value, source: .dynamicDefaultBrokerConfig))
            }
            if let value = brokerConfig.supplied[key] {
                synonyms.append(.init(name: key, value: value, source: .staticBrokerConfig))
            }
            let builtIn = Self.brokerKeyDefaults[key] ?? definition.defaultValue
            if let builtIn {
                synonyms.append(.init(name: key, value: builtIn, source: .defaultConfig))
            }
        }
        let value: String?
        let source: ConfigSource
        if let first = synonyms.first {
            value = first.source == .dynamicTopicConfig ? first.value : first.value.map { Self.inTopicUnits($0, from: first.name) }
            source = first.source
        } else {
            value = definition.defaultValue
            source = .defaultConfig
        }
        return ResolvedConfig(
            name: definition.name, value: definition.isSensitive ? nil : value, source: source,
            isSensitive: definition.isSensitive, readOnly: false, type: definition.type, synonyms: synonyms)
    }

    /// `log.retention.hours=24` feeds `retention.ms` as 86400000.
    static func inTopicUnits(_ value: String, from key: String) -> String {
        let factor: Int64 = key.hasSuffix(".hours") ? 3_600_000 : key.hasSuffix(".minutes") ? 60_000 : 1
        guard factor != 1, let number = Int64(value.trimmingBlanksForConfig) else { return value }
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? String(Int64.max) : String(product)
    }
}
