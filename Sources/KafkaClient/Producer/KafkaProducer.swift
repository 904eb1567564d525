import KafkaProtocol

/// Kafka's producer: records are batched per partition and sent by a background sender, with the Java
/// client's partitioner, `acks`, compression, retries, delivery timeout and (by default) idempotence.
public final class KafkaProducer: Sendable {
    public let config: ProducerConfig
    private let engine: ProducerEngine

    public init(config: ProducerConfig) async {
        self.config = config
        engine = ProducerEngine(cluster: KafkaCluster(config: config.client), config: config)
        await engine.start()
    }

    public convenience init(properties: [String: String]) async throws {
        await self.init(config: try ProducerConfig(properties: properties))
    }

    /// Queues `record` and returns once it is in a batch; `completion` (if any) runs when the broker answered
    /// or the record failed for good. Throws at once for a record that can never be sent (too large, unknown
    /// topic after `max.block.ms`, no buffer memory after `max.block.ms`, producer closed).
    public func send(_ record: ProducerRecord, completion: (@Sendable (SendResult) -> Void)? = nil) async throws {
        try await engine.append(record, completion: completion.map(RecordCompletion.callback))
    }

    /// Queues many records with one hop into the producer: the fast way to send a stream. `completion` gets each
    /// record's index and outcome, including records that could not be queued at all (as Java's callback does).
    public func send(
        contentsOf records: [ProducerRecord], completion: (@Sendable (Int, SendResult) -> Void)? = nil
    ) async {
        await engine.appendAll(records, completion: completion)
    }

    /// Sends `record` and waits for the broker's answer.
    public func sendAndWait(_ record: ProducerRecord) async throws -> RecordMetadata {
        try await withCheckedThrowingContinuation { continuation in
            Task {
                do {
                    try await engine.append(record, completion: .continuation(ContinuationBox(continuation)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Sends every queued record now and waits until all of them completed.
    public func flush() async {
        await engine.flush()
    }

    /// Flushes and closes the connections.
    public func close() async {
        await engine.close()
    }
}
