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

/// Topic lookups by name and id; `TopicManager` is the broker's one source.
public protocol TopicMetadataSource: Sendable {
    func allTopics() async -> [TopicMetadata]
    func topic(named name: String) async -> TopicMetadata?
    func topic(id: KafkaUUID) async -> TopicMetadata?
}
