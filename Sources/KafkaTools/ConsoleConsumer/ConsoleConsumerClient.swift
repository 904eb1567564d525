import KafkaClient

/// What the console consumer needs from a consumer: the KafkaConsumer calls it makes, so that the whole
/// loop (limits, timeouts, skipped records, shutdown) can be tested against a scripted fake.
protocol ConsoleConsumerClient: Sendable {
    var maxPollRecords: Int { get }
    /// Fails within `default.api.timeout.ms` when no bootstrap server answers (Apache's tool would poll forever).
    func checkReachable() async throws
    func subscribe(topics: [String]) async throws
    func subscribe(pattern: String) async throws
    func assign(_ partitions: [TopicPartition]) async
    func seek(_ partition: TopicPartition, to offset: Int64) async
    func seekToBeginning(_ partitions: [TopicPartition]) async
    func seekToEnd(_ partitions: [TopicPartition]) async
    func poll(timeout: Duration) async throws -> [ConsumerRecord]
    func wakeup()
    func close() async
}

extension KafkaConsumer: ConsoleConsumerClient {
    var maxPollRecords: Int { config.maxPollRecords }

    /// One connection to any bootstrap server, on a cluster handle of its own that is closed at once.
    func checkReachable() async throws {
        let cluster = KafkaCluster(config: config.client)
        do {
            _ = try await cluster.anyConnection(deadline: cluster.defaultDeadline())
            await cluster.close()
        } catch {
            await cluster.close()
            throw error
        }
    }
}
