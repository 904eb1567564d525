/// The broker's settings, typed and validated, with Apache Kafka's defaults.
public struct BrokerConfig: Sendable, Hashable {
    public enum TimestampType: String, Sendable, Hashable {
        case createTime = "CreateTime"
        case logAppendTime = "LogAppendTime"
    }

    // Identity and listeners (KRaft, single combined node).
    public var nodeId: Int32 = 1
    public var processRoles: [String] = ["broker", "controller"]
    /// Every configured listener, the CONTROLLER one included.
    public var listeners: [ListenerSpec] = [ListenerSpec(name: "PLAINTEXT", host: "localhost", port: 9092)]
    /// What clients are told to connect to, by listener name (defaults to the listener itself).
    public var advertisedListeners: [ListenerSpec] = []
    public var listenerSecurityProtocolMap: [String: String] = BrokerConfig.defaultSecurityProtocolMap
    public var controllerListenerNames: [String] = []
    public var interBrokerListenerName: String? = nil
    public var controllerQuorumVoters: String? = nil
    public var controllerQuorumBootstrapServers: String? = nil
    /// Security of each served listener, by listener name (PLAINTEXT when absent).
    public var listenerSecurity: [String: ListenerSecurity] = [:]

    // Logs and topics.
    public var logDirs: [String] = ["/tmp/kraft-combined-logs"]
    public var numPartitions: Int32 = 1
    public var defaultReplicationFactor: Int16 = 1
    public var autoCreateTopicsEnable = true
    public var deleteTopicEnable = true
    /// -1: keep forever. From `log.retention.ms`, else `.minutes`, else `.hours` (168).
    public var logRetentionMs: Int64 = 168 * 3_600_000
    public var logRetentionBytes: Int64 = -1
    public var logSegmentBytes: Int32 = 1_073_741_824
    /// From `log.roll.ms`, else `log.roll.hours` (168).
    public var logRollMs: Int64 = 168 * 3_600_000
    public var logRetentionCheckIntervalMs: Int64 = 300_000
    public var messageMaxBytes: Int32 = 1_048_588
    public var logFlushIntervalMessages: Int64 = Int64.max
    /// nil: Apache falls back to `log.flush.scheduler.interval.ms` (Long.MAX), i.e. never by time.
    public var logFlushIntervalMs: Int64? = nil
    public var logMessageTimestampType: TimestampType = .createTime

    // Network and groups.
    public var socketRequestMaxBytes: Int32 = 104_857_600
    public var offsetsTopicNumPartitions: Int32 = 50
    public var offsetsRetentionMinutes: Int32 = 10_080
    public var groupInitialRebalanceDelayMs: Int32 = 3_000
    public var groupMinSessionTimeoutMs: Int32 = 6_000
    public var groupMaxSessionTimeoutMs: Int32 = 1_800_000
    public var groupMaxSize: Int32 = Int32.max
    public var offsetsRetentionCheckIntervalMs: Int64 = 600_000
    public var offsetMetadataMaxBytes: Int32 = 4_096
    /// `segment.bytes` of `__consumer_offsets` when the coordinator creates it.
    public var offsetsTopicSegmentBytes: Int32 = 104_857_600

    /// The ACL authorizer's settings; nil when `authorizer.class.name` is unset (no authorization at all).
    public var authorizer: AuthorizerSettings? = nil

    /// Keys that were supplied but are not Apache broker configs (each gets one warning at start-up).
    public var unknownKeys: [String] = []
    /// Every supplied key and its raw value, after overrides, for the `KafkaConfig values:` dump.
    public var supplied: [String: String] = [:]

    public static let defaultSecurityProtocolMap = [
        "PLAINTEXT": "PLAINTEXT", "SSL": "SSL", "SASL_PLAINTEXT": "SASL_PLAINTEXT", "SASL_SSL": "SASL_SSL",
    ]

    public init() {}

    /// The listeners this broker serves: every listener but the controller ones.
    public var servedListeners: [ListenerSpec] {
        listeners.filter { !controllerListenerNames.contains($0.name) }
    }

    /// The endpoint clients are told about for a served listener.
    public func advertised(for listener: ListenerSpec) -> ListenerSpec {
        advertisedListeners.first { $0.name == listener.name } ?? listener
    }

    public func securityProtocol(of listenerName: String) -> String? {
        listenerSecurityProtocolMap[listenerName]
    }

    public func security(of listenerName: String) -> ListenerSecurity {
        listenerSecurity[listenerName] ?? .plaintext
    }
}
