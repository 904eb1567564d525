/// The broker settings DescribeConfigs lists for a BROKER resource: every key the broker honours, with the value in
/// effect and whether it came from the properties file, a dynamic cluster default, or Apache's default.
enum BrokerConfigValues {
    static func resolve(_ config: BrokerConfig, dynamicDefaults: [String: String]) -> [ResolvedConfig] {
        let effective = effectiveValues(config)
        let dynamicKeys = Set(TopicConfigs.all.flatMap(\.brokerSynonyms))
        return effective.keys.sorted().map { key in
            var synonyms: [ResolvedConfig.Synonym] = []
            if let value = dynamicDefaults[key] {
                synonyms.append(.init(name: key, value: value, source: .dynamicDefaultBrokerConfig))
            }
            if let value = config.supplied[key] { synonyms.append(.init(name: key, value: value, source: .staticBrokerConfig)) }
            let value = synonyms.first?.value ?? effective[key] ?? nil
            let source = synonyms.first?.source ?? .defaultConfig
            if synonyms.isEmpty { synonyms.append(.init(name: key, value: value, source: .defaultConfig)) }
            return ResolvedConfig(
                name: key, value: value, source: source, isSensitive: false, readOnly: !dynamicKeys.contains(key),
                type: TopicConfigs.all.first { $0.brokerSynonyms.contains(key) }?.type ?? .string, synonyms: synonyms)
        }
    }

    /// The typed values, as the broker uses them.
    static func effectiveValues(_ config: BrokerConfig) -> [String: String?] {
        [
            "advertised.listeners": config.servedListeners.map { config.advertised(for: $0).description }.joined(separator: ","),
            "auto.create.topics.enable": "\(config.autoCreateTopicsEnable)",
            "default.replication.factor": "\(config.defaultReplicationFactor)",
            "delete.topic.enable": "\(config.deleteTopicEnable)",
            "group.initial.rebalance.delay.ms": "\(config.groupInitialRebalanceDelayMs)",
            "listeners": config.listeners.map(\.description).joined(separator: ","),
            "log.dirs": config.logDirs.joined(separator: ","),
            "log.flush.interval.messages": "\(config.logFlushIntervalMessages)",
            "log.flush.interval.ms": config.logFlushIntervalMs.map { String($0) },
            "log.message.timestamp.type": config.logMessageTimestampType.rawValue,
            "log.retention.bytes": "\(config.logRetentionBytes)",
            "log.retention.check.interval.ms": "\(config.logRetentionCheckIntervalMs)",
            "log.retention.ms": "\(config.logRetentionMs)",
            "log.roll.ms": "\(config.logRollMs)",
            "log.segment.bytes": "\(config.logSegmentBytes)",
            "message.max.bytes": "\(config.messageMaxBytes)",
            "node.id": "\(config.nodeId)",
            "num.partitions": "\(config.numPartitions)",
            "offsets.retention.minutes": "\(config.offsetsRetentionMinutes)",
            "offsets.topic.num.partitions": "\(config.offsetsTopicNumPartitions)",
            "process.roles": config.processRoles.joined(separator: ","),
            "socket.request.max.bytes": "\(config.socketRequestMaxBytes)",
        ]
    }

    /// Why a set of cluster-default broker configs is refused, or nil. Only the `log.*`-style keys that feed topic
    /// configs can change at runtime, as in Apache.
    static func validate(_ values: [String: String]) -> String? {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let definition = TopicConfigs.all.first(where: { $0.brokerSynonyms.contains(key) }) else {
                return "Cannot update these configs dynamically: Set(\(key))"
            }
            let asBroker = ConfigDefinition(key, definition.type, nil, rule: key.hasSuffix(".hours") || key.hasSuffix(".minutes") ? .none : definition.rule)
            if let problem = asBroker.validate(value) { return problem }
        }
        return nil
    }
}
