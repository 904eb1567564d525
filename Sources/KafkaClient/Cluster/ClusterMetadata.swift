import KafkaProtocol

/// A snapshot of what the cluster told us in a Metadata response: brokers, controller and partition leaders.
public struct ClusterMetadata: Sendable, Hashable {
    public struct Partition: Sendable, Hashable {
        public var id: Int32
        public var errorCode: Int16
        public var leader: Int32
        public var leaderEpoch: Int32
        public var replicas: [Int32]
        public var isr: [Int32]
        public var offlineReplicas: [Int32]
    }

    public struct Topic: Sendable, Hashable {
        public var name: String
        public var errorCode: Int16
        public var errorMessage: String?
        public var topicId: KafkaUUID
        public var isInternal: Bool
        /// Partition id → partition.
        public var partitions: [Int32: Partition]
    }

    public var clusterId: String?
    public var controllerId: Int32
    public var brokers: [Int32: BrokerNode]
    public var topics: [String: Topic]

    init(_ response: MetadataResponse) {
        clusterId = response.clusterId
        controllerId = response.controllerId
        brokers = Dictionary(
            response.brokers.map {
                ($0.nodeId, BrokerNode(id: $0.nodeId, host: $0.host, port: $0.port, rack: $0.rack))
            }, uniquingKeysWith: { _, last in last })
        var topics: [String: Topic] = [:]
        for topic in response.topics {
            guard let name = topic.name else { continue }
            var partitions: [Int32: Partition] = [:]
            for partition in topic.partitions {
                partitions[partition.partitionIndex] = Partition(
                    id: partition.partitionIndex, errorCode: partition.errorCode, leader: partition.leaderId, leaderEpoch: partition.leaderEpoch,
                    replicas: partition.replicaNodes, isr: partition.isrNodes,
                    offlineReplicas: partition.offlineReplicas)
            }
            topics[name] = Topic(
                name: name, errorCode: topic.errorCode, errorMessage: nil, topicId: topic.topicId,
                isInternal: topic.isInternal, partitions: partitions)
        }
        self.topics = topics
    }

    /// The address of a broker by id, if the metadata knows it.
    public func address(of nodeId: Int32) -> BrokerAddress? {
        brokers[nodeId].map { BrokerAddress(host: $0.host, port: Int($0.port)) }
    }
}
