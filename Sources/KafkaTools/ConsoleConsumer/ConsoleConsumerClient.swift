import KafkaClient
import KafkaProtocol

/// What the console consumer needs from a consumer: the KafkaConsumer calls it makes, so that the whole
/// loop (limits, timeouts, skipped records, shutdown) can be tested against a scripted fake.
protocol ConsoleConsumerClient: Sendable {
    var maxPollRecords: Int { get }
    /// Fails within `default.api.timeout.ms` when no bootstrap server answers, or when `partition` (the one a
    /// `--partition` read is assigned) does not exist; Apache's tool would poll forever in both cases.
    func checkReachable(partition: TopicPartition?) async throws
    func subscribe(topics: [String]) async throws
    func subscribe(pattern: String) async throws
    func assign(_ partitions: [TopicPartition]) async
    func seek(_ partition: TopicPartition, to offset: Int64) async
    func seekToBeginning(_ partitions: [TopicPartition]) async
    func seekToEnd(_ partitions: [TopicPartition]) async
    func poll(timeout: Duration) async throws -> [ConsumerRecord]
    func wakeup()
    func close() async
    /// For `--offset -N`: the log start and end offsets.
    func beginningOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64]
    func endOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64]
    /// For `--offset @ms` and ISO times: the first offset at or after each time (left out where there is none).
    func offsetsForTimes(_ timestamps: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64]
}

extension KafkaConsumer: ConsoleConsumerClient {
    var maxPollRecords: Int { config.maxPollRecords }

    /// One Metadata request, on a cluster handle of its own that is closed at once. (The consumer itself would
    /// wait silently: its leader lookups swallow failures and retry forever.)
    func checkReachable(partition: TopicPartition?) async throws {
        let cluster = KafkaCluster(config: config.client)
        do {
            let metadata = try await cluster.refreshMetadata(
                topics: partition.map { [$0.topic] } ?? [], deadline: cluster.defaultDeadline())
            await cluster.close()
            if let partition, metadata.topics[partition.topic]?.partitions[partition.partition] == nil {
                throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicOrPartition))
            }
        } catch {
            await cluster.close()
            throw error
        }
    }
}
