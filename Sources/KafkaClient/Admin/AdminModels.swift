import KafkaProtocol

/// A broker as the cluster describes it.
public struct BrokerNode: Sendable, Hashable {
    public var id: Int32
    public var host: String
    public var port: Int32
    public var rack: String?

    public init(id: Int32, host: String, port: Int32, rack: String? = nil) {
        self.id = id
        self.host = host
        self.port = port
        self.rack = rack
    }
}

/// What `describeCluster` returns.
public struct ClusterDescription: Sendable, Hashable {
    public var clusterId: String?
    public var controllerId: Int32?
    public var nodes: [BrokerNode]

    public init(clusterId: String?, controllerId: Int32?, nodes: [BrokerNode]) {
        self.clusterId = clusterId
        self.controllerId = controllerId
        self.nodes = nodes
    }
}

/// One entry of `listTopics`.
public struct TopicListing: Sendable, Hashable {
    public var name: String
    public var topicId: KafkaUUID
    public var isInternal: Bool

    public init(name: String, topicId: KafkaUUID, isInternal: Bool) {
        self.name = name
        self.topicId = topicId
        self.isInternal = isInternal
    }
}

/// One partition of a described topic.
public struct TopicPartitionDescription: Sendable, Hashable {
    public var partition: Int32
    /// nil when the partition has no leader (Kafka's -1).
    public var leader: Int32?
    public var replicas: [Int32]
    public var isr: [Int32]
    /// Eligible leader replicas; nil when the broker answered through Metadata, which cannot carry them.
    public var eligibleLeaderReplicas: [Int32]?
    public var lastKnownEligibleLeaderReplicas: [Int32]?
    public var offlineReplicas: [Int32]

    public init(
        partition: Int32, leader: Int32?, replicas: [Int32], isr: [Int32], eligibleLeaderReplicas: [Int32]? = nil,
        lastKnownEligibleLeaderReplicas: [Int32]? = nil, offlineReplicas: [Int32] = []
    ) {
        self.partition = partition
        self.leader = leader
        self.replicas = replicas
        self.isr = isr
        self.eligibleLeaderReplicas = eligibleLeaderReplicas
        self.lastKnownEligibleLeaderReplicas = lastKnownEligibleLeaderReplicas
        self.offlineReplicas = offlineReplicas
    }
}

/// What `describeTopics` returns for one topic; partitions are sorted by id.
public struct TopicDescription: Sendable, Hashable {
    public var name: String
    public var topicId: KafkaUUID
    public var isInternal: Bool
    public var partitions: [TopicPartitionDescription]

    public init(name: String, topicId: KafkaUUID, isInternal: Bool, partitions: [TopicPartitionDescription]) {
        self.name = name
        self.topicId = topicId
        self.isInternal = isInternal
        self.partitions = partitions
    }
}

/// A topic to create. -1 for partitions or replication factor means the broker's default.
public struct NewTopic: Sendable, Hashable {
    public var name: String
    public var numPartitions: Int32
    public var replicationFactor: Int16
    /// Partition id → broker ids; when set, numPartitions and replicationFactor must be -1.
    public var replicaAssignment: [Int32: [Int32]]
    public var configs: [String: String]

    public init(
        name: String, numPartitions: Int32 = -1, replicationFactor: Int16 = -1,
        replicaAssignment: [Int32: [Int32]] = [:], configs: [String: String] = [:]
    ) {
        self.name = name
        self.numPartitions = numPartitions
        self.replicationFactor = replicationFactor
        self.replicaAssignment = replicaAssignment
        self.configs = configs
    }
}

/// The kinds of resource that carry configs (Kafka's `ConfigResource.Type` ids).
public enum ConfigResourceType: Int8, Sendable, Hashable, CaseIterable {
    case unknown = 0
    case topic = 2
    case broker = 4
    case brokerLogger = 8
    case clientMetrics = 16
    case group = 32
}

public struct ConfigResource: Sendable, Hashable {
    public var type: ConfigResourceType
    /// The topic name, the broker id as text, or "" for the cluster-wide broker default.
    public var name: String

    public init(type: ConfigResourceType, name: String) {
        self.type = type
        self.name = name
    }
}

/// Where a config value comes from: the protocol's ids, named as Java's `ConfigEntry.ConfigSource` prints them in
/// `synonyms={...}`.
public enum ConfigSource: Int8, Sendable, Hashable, CaseIterable {
    case unknown = 0
    case dynamicTopicConfig = 1
    case dynamicBrokerConfig = 2
    case dynamicDefaultBrokerConfig = 3
    case staticBrokerConfig = 4
    case defaultConfig = 5
    case dynamicBrokerLoggerConfig = 6
    case clientMetricsConfig = 7
    case groupConfig = 8

    /// Kafka's enum constant name, e.g. `DYNAMIC_TOPIC_CONFIG`.
    public var kafkaName: String {
        switch self {
        case .unknown: return "UNKNOWN"
        case .dynamicTopicConfig: return "DYNAMIC_TOPIC_CONFIG"
        case .dynamicBrokerConfig: return "DYNAMIC_BROKER_CONFIG"
        case .dynamicDefaultBrokerConfig: return "DYNAMIC_DEFAULT_BROKER_CONFIG"
        case .staticBrokerConfig: return "STATIC_BROKER_CONFIG"
        case .defaultConfig: return "DEFAULT_CONFIG"
        case .dynamicBrokerLoggerConfig: return "DYNAMIC_BROKER_LOGGER_CONFIG"
        case .clientMetricsConfig: return "DYNAMIC_CLIENT_METRICS_CONFIG"
        case .groupConfig: return "DYNAMIC_GROUP_CONFIG"
        }
    }
}

public struct ConfigSynonym: Sendable, Hashable {
    public var name: String
    public var value: String?
    public var source: ConfigSource

    public init(name: String, value: String?, source: ConfigSource) {
        self.name = name
        self.value = value
        self.source = source
    }
}

/// One config of a described resource.
public struct ConfigEntry: Sendable, Hashable {
    public var name: String
    /// nil for a sensitive value or one that is unset.
    public var value: String?
    public var source: ConfigSource
    public var isSensitive: Bool
    public var isReadOnly: Bool
    public var synonyms: [ConfigSynonym]

    /// Kafka's `ConfigEntry.isDefault()`.
    public var isDefault: Bool { source == .defaultConfig }

    public init(
        name: String, value: String?, source: ConfigSource, isSensitive: Bool = false, isReadOnly: Bool = false,
        synonyms: [ConfigSynonym] = []
    ) {
        self.name = name
        self.value = value
        self.source = source
        self.isSensitive = isSensitive
        self.isReadOnly = isReadOnly
        self.synonyms = synonyms
    }
}

/// One change of an incremental config alteration.
public struct AlterConfigOperation: Sendable, Hashable {
    public enum Kind: Int8, Sendable, Hashable {
        case set = 0
        case delete = 1
        case append = 2
        case subtract = 3
    }

    public var name: String
    public var value: String?
    public var kind: Kind

    public init(name: String, value: String?, kind: Kind) {
        self.name = name
        self.value = value
        self.kind = kind
    }
}

/// Which offset `listOffsets` asks for.
public enum OffsetSpec: Sendable, Hashable {
    case earliest
    case latest
    case maxTimestamp
    /// The first offset whose timestamp is at or after this time (ms since the epoch).
    case timestamp(Int64)

    /// The special timestamp values ListOffsets uses.
    var wireTimestamp: Int64 {
        switch self {
        case .earliest: return -2
        case .latest: return -1
        case .maxTimestamp: return -3
        case .timestamp(let ms): return ms
        }
    }
}

public struct TopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }

    public static func < (lhs: TopicPartition, rhs: TopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// An answer of `listOffsets` for one partition.
public struct ListedOffset: Sendable, Hashable {
    public var offset: Int64
    public var timestamp: Int64
    public var leaderEpoch: Int32?

    public init(offset: Int64, timestamp: Int64, leaderEpoch: Int32?) {
        self.offset = offset
        self.timestamp = timestamp
        self.leaderEpoch = leaderEpoch
    }
}
