import KafkaCLISupport
import KafkaClient

/// The admin calls kafka-consumer-groups makes, as `KafkaAdminClient` offers them, so that the command's whole
/// flow can be tested against a fake cluster.
protocol GroupAdminOperations: AdminOperations {
    func listGroups(states: [String], types: [String], deadline: ContinuousClock.Instant?) async throws
        -> [GroupListing]
    func describeGroups(_ groupIds: [String], deadline: ContinuousClock.Instant?) async throws -> [GroupDescription]
    func listGroupOffsets(_ groupId: String, partitions: [TopicPartition]?, deadline: ContinuousClock.Instant?)
        async throws -> [TopicPartition: CommittedOffset]
    func alterGroupOffsets(_ groupId: String, offsets: [TopicPartition: Int64], deadline: ContinuousClock.Instant?)
        async throws
    func deleteGroups(_ groupIds: [String], deadline: ContinuousClock.Instant?) async throws
        -> [String: KafkaBrokerError]
    func deleteGroupOffsets(_ groupId: String, partitions: [TopicPartition], deadline: ContinuousClock.Instant?)
        async throws -> [TopicPartition: KafkaBrokerError]
    func listOffsets(
        _ requests: [TopicPartition: OffsetSpec], isolationLevel: IsolationLevel, deadline: ContinuousClock.Instant?
    ) async throws -> [TopicPartition: ListedOffset]
}

extension KafkaAdminClient: GroupAdminOperations {}
