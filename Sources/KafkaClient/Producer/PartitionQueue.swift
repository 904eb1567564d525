import DequeModule
import KafkaProtocol

/// One partition's batches waiting to be sent, oldest first, and the next sequence number to give a batch.
struct PartitionQueue: Sendable {
    /// A deque: the sender takes batches from the front, and with `buffer.memory` full there are thousands.
    var batches: Deque<ProducerBatch> = []
    var nextSequence: Int32 = 0

    /// Whether a record of `size` bytes (the upper bound) needs a new batch: there is none, or the newest lacks room.
    mutating func needsNewBatch(forRecordOf size: Int, batchSize: Int) -> Bool {
        guard !batches.isEmpty else { return true }
        return batches[batches.count - 1].lacksRoom(forRecordOf: size, batchSize: batchSize)
    }

    /// Appends to the newest batch, which has room (see `needsNewBatch`); returns whether that batch reached
    /// `batch.size`. On error nothing changed.
    mutating func appendToNewest(
        _ record: ProducerRecord, timestamp: Int64, completion: RecordCompletion?, batchSize: Int
    ) throws -> Bool {
        // One in-place access: the batch's buffer must stay uniquely referenced, or it would copy itself on every
        // record, and a read through the deque's getter copies the whole batch.
        try batches[batches.count - 1].append(record, timestamp: timestamp, completion: completion, batchSize: batchSize)
    }
}
