/// DescribeConfigs' ConfigSource (KIP-226).
public enum ConfigSource: Int8, Sendable {
    case unknown = 0
    case dynamicTopicConfig = 1
    case dynamicBrokerConfig = 2
    case dynamicDefaultBrokerConfig = 3
    case staticBrokerConfig = 4
    case defaultConfig = 5
}

/// One config as DescribeConfigs and CreateTopics v5+ report it.
public struct ResolvedConfig: Sendable, Hashable {
    public struct Synonym: Sendable, Hashable {
        public var name: String
        public var value: String?
        public var source: ConfigSource
    }

    public var name: String
    public var value: String?
    public var source: ConfigSource
    public var isSensitive: Bool
    public var readOnly: Bool
    public var type: ConfigDefinition.ValueType
    /// Most specific first; the first entry is where `value` comes from.
    public var synonyms: [Synonym]

    public var isDefault: Bool { source == .defaultConfig }
}
