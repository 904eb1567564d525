import KafkaProtocol

/// What Metadata needs to know about one topic. The single node leads every partition.
public struct TopicMetadata: Sendable, Hashable {
    public var name: String
    public var id: KafkaUUID
    public var isInternal: Bool
    public var partitions: [Partition]

    public struct Partition: Sendable, Hashable {
        public var index: Int32
        public var leaderEpoch: Int32

        public init(index: Int32, leaderEpoch: Int32 = 0) {
            self.index = index
            self.leaderEpoch = leaderEpoch
        }
    }

    public init(name: String, id: KafkaUUID, isInternal: Bool = false, partitions: [Partition]) {
        self.name = name
        self.id = id
        self.isInternal = isInternal
        self.partitions = partitions
    }
}

/// Where the Metadata handler looks topics up. The topic manager provides the real one; until then the broker
/// runs with `EmptyTopicMetadataSource`, and tests inject their own.
public protocol TopicMetadataSource: Sendable {
    func allTopics() async -> [TopicMetadata]
    func topic(named name: String) async -> TopicMetadata?
    func topic(id: KafkaUUID) async -> TopicMetadata?
}

/// No topics at all.
public struct EmptyTopicMetadataSource: TopicMetadataSource {
    public init() {}
    public func allTopics() async -> [TopicMetadata] { [] }
    public func topic(named name: String) async -> TopicMetadata? { nil }
    public func topic(id: KafkaUUID) async -> TopicMetadata? { nil }
}

/// A fixed set of topics, for tests and tools that need a broker with known metadata.
public struct StaticTopicMetadataSource: TopicMetadataSource {
    public let topics: [TopicMetadata]

    public init(_ topics: [TopicMetadata]) { self.topics = topics }
    public func allTopics() async -> [TopicMetadata] { topics }
    public func topic(named name: String) async -> TopicMetadata? { topics.first { $0.name == name } }
    public func topic(id: KafkaUUID) async -> TopicMetadata? { topics.first { $0.id == id } }
}
