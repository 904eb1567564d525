import KafkaProtocol
import NIOCore

/// Who is told about one record's fate.
enum RecordCompletion: Sendable {
    case callback(@Sendable (SendResult) -> Void)
    case continuation(CheckedContinuation<RecordMetadata, any Error>)
    /// One callback shared by many records, told which one (no closure per record).
    case indexed(@Sendable (Int, SendResult) -> Void, Int)

    func complete(_ result: SendResult) {
        switch self {
        case .callback(let callback): callback(result)
        case .continuation(let continuation): continuation.resume(with: result.mapError { $0 })
        case .indexed(let callback, let index): callback(index, result)
        }
    }
}

/// Records for one partition, accumulated as encoded bytes until the sender takes them.
struct ProducerBatch: Sendable {
    struct Waiter: Sendable {
        var index: Int32
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

    init(id: Int, partition: TopicPartition, codec: CompressionCodec, createdAt: ContinuousClock.Instant) {
        self.id = id
        self.partition = partition
        self.builder = RecordBatchBuilder(codec: codec)
        self.createdAt = createdAt
    }

    /// The record count once sealed (the builder's records are dropped then).
    private var sealedRecordCount: Int?

    var recordCount: Int { sealedRecordCount ?? builder.recordCount }

    /// Keeps the encoded bytes for sending (and resending) and lets the builder's copy go: a batch in flight
    /// holds its records once, not twice.
    mutating func seal(encoded bytes: ByteBuffer) {
        sealedRecordCount = builder.recordCount
        encoded = bytes
        builder = RecordBatchBuilder()
    }

    /// Tells every waiting record how the batch ended.
    func complete(baseOffset: Int64, logAppendTime: Int64) {
        for waiter in waiters {
            let offset = baseOffset >= 0 ? baseOffset + Int64(waiter.index) : -1
            let timestamp = logAppendTime >= 0 ? logAppendTime : waiter.timestamp
            waiter.completion.complete(
                .success(
                    RecordMetadata(
                        topic: partition.topic, partition: partition.partition, offset: offset, timestamp: timestamp)))
        }
    }

    func fail(_ error: KafkaClientError) {
        for waiter in waiters { waiter.completion.complete(.failure(error)) }
    }
}
