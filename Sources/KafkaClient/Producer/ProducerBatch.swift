import KafkaProtocol
import NIOCore

/// The callback of one `send(contentsOf:)` call, shared by its records; a class so that records of the same call
/// can be recognised (by identity) and kept as one waiter.
final class IndexedCompletion: Sendable {
    let callback: @Sendable (Int, SendResult) -> Void

    init(_ callback: @escaping @Sendable (Int, SendResult) -> Void) {
        self.callback = callback
    }
}

/// A `sendAndWait` caller's continuation, boxed: with the standard library's struct as a payload, the enum's layout
/// is only known at run time and every copy or match of a completion goes through runtime calls.
final class ContinuationBox: Sendable {
    let continuation: CheckedContinuation<RecordMetadata, any Error>

    init(_ continuation: CheckedContinuation<RecordMetadata, any Error>) {
        self.continuation = continuation
    }
}

/// Who is told about one record's fate.
enum RecordCompletion: Sendable {
    case callback(@Sendable (SendResult) -> Void)
    case continuation(ContinuationBox)
    /// One callback shared by many records, told which one (no closure per record).
    case indexed(IndexedCompletion, Int)

    /// `offset` counts from the first record of a waiter that stands for several (`.indexed` only).
    func complete(_ result: SendResult, offset: Int = 0) {
        switch self {
        case .callback(let callback): callback(result)
        case .continuation(let box): box.continuation.resume(with: result.mapError { $0 })
        case .indexed(let shared, let index): shared.callback(index + offset, result)
        }
    }
}

/// Records for one partition, accumulated as encoded bytes until the sender takes them.
struct ProducerBatch: Sendable {
    /// Records `index..<index + count` of the batch, all with `timestamp`. More than one only for records of one
    /// `send(contentsOf:)` call with consecutive indices: one entry per run, not per record.
    struct Waiter: Sendable {
        var index: Int32
        var count: Int32 = 1
        var timestamp: Int64
        var completion: RecordCompletion
    }

    let id: Int
    let partition: TopicPartition
    var builder: RecordBatchBuilder
    /// Only records that asked to be told get an entry.
    var waiters: [Waiter] = []
    let createdAt: ContinuousClock.Instant
    /// Bytes counted against `buffer.memory` until the batch completes.
    var reservedBytes = 0
    /// The bytes sent, fixed at the first attempt so that a retry resends exactly them (same sequence numbers).
    var encoded: ByteBuffer?
    var attempts = 0
    var retryAfter: ContinuousClock.Instant?

    /// `reservedBytes` of `buffer.memory` are the batch's buffer, allocated at once as Java's BufferPool does, or
    /// `reusing` one whose batch completed.
    init(
        id: Int, partition: TopicPartition, codec: CompressionCodec, reservedBytes: Int, reusing buffer: ByteBuffer?,
        createdAt: ContinuousClock.Instant
    ) {
        self.id = id
        self.partition = partition
        if let buffer {
            self.builder = RecordBatchBuilder(codec: codec, reusing: buffer)
        } else {
            self.builder = RecordBatchBuilder(codec: codec, capacity: reservedBytes)
        }
        self.reservedBytes = reservedBytes
        self.createdAt = createdAt
    }

    /// The record count once sealed (the builder's records are dropped then).
    private var sealedRecordCount: Int?

    var recordCount: Int { sealedRecordCount ?? builder.recordCount }

    /// Encodes the batch for sending (and resending) from the builder's own buffer: a batch in flight holds its
    /// records once, and an uncompressed one is not copied at all.
    mutating func seal(compressor: RecordsCompressor?) throws {
        sealedRecordCount = builder.recordCount
        encoded = try builder.takeBatch(compressor: compressor)
        builder = RecordBatchBuilder()
    }

    /// Appends a record (and its waiter, if any); returns whether the batch reached `batchSize`.
    mutating func append(_ record: ProducerRecord, timestamp: Int64, completion: RecordCompletion?, batchSize: Int)
        throws -> Bool
    {
        try builder.append(key: record.key, value: record.value, headers: record.headers, timestamp: timestamp)
        if let completion {
            let recordIndex = Int32(truncatingIfNeeded: builder.recordCount - 1)
            addWaiter(recordIndex: recordIndex, timestamp: timestamp, completion: completion)
        }
        return builder.uncompressedSizeInBytes >= batchSize
    }

    /// Whether a record of `size` bytes (the upper bound) needs another batch: this one was sent once already, or
    /// has no room left (a record always fits an empty batch). Mutating only so that a deque hands the batch over
    /// in place; its getter would copy the whole batch (a retain per reference) for one question.
    mutating func lacksRoom(forRecordOf size: Int, batchSize: Int) -> Bool {
        encoded != nil || !(builder.isEmpty || builder.uncompressedSizeInBytes + size <= batchSize)
    }

    /// Registers a record that asked to be told, extending the newest waiter when it is the next record of the same
    /// `send(contentsOf:)` call with the same timestamp.
    mutating func addWaiter(recordIndex: Int32, timestamp: Int64, completion: RecordCompletion) {
        if case .indexed(let shared, let callerIndex) = completion, let last = waiters.last,
            case .indexed(let lastShared, let lastCallerIndex) = last.completion, shared === lastShared,
            last.timestamp == timestamp, last.index + last.count == recordIndex,
            lastCallerIndex + Int(last.count) == callerIndex
        {
            waiters[waiters.count - 1].count += 1
            return
        }
        waiters.append(Waiter(index: recordIndex, timestamp: timestamp, completion: completion))
    }

    /// Tells every waiting record how the batch ended.
    func complete(baseOffset: Int64, logAppendTime: Int64) {
        for waiter in waiters {
            let timestamp = logAppendTime >= 0 ? logAppendTime : waiter.timestamp
            for step in 0..<Int(waiter.count) {
                let offset = baseOffset >= 0 ? baseOffset + Int64(waiter.index) + Int64(step) : -1
                waiter.completion.complete(
                    .success(
                        RecordMetadata(
                            topic: partition.topic, partition: partition.partition, offset: offset,
                            timestamp: timestamp)),
                    offset: step)
            }
        }
    }

    func fail(_ error: KafkaClientError) {
        for waiter in waiters {
            for step in 0..<Int(waiter.count) { waiter.completion.complete(.failure(error), offset: step) }
        }
    }
}
