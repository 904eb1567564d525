import KafkaProtocol

/// What the log remembers of one batch of an idempotent producer, to recognise a retried duplicate.
struct ProducerBatchMetadata: Hashable, Sendable {
    var firstSequence: Int32
    var lastSequence: Int32
    var firstOffset: Int64
    var lastOffset: Int64
    var timestamp: Int64
}

/// The state of one producer id on one partition: its epoch and its last five batches (Kafka keeps five because
/// a producer has at most five requests in flight, so any retry it sends is one of them).
struct ProducerEntry: Hashable, Sendable {
    static let retainedBatches = 5

    var epoch: Int16
    var batches: [ProducerBatchMetadata] = []

    var lastSequence: Int32? { batches.last?.lastSequence }

    mutating func add(_ batch: ProducerBatchMetadata) {
        batches.append(batch)
        if batches.count > Self.retainedBatches { batches.removeFirst(batches.count - Self.retainedBatches) }
    }

    func duplicate(of header: RecordBatchHeader) -> ProducerBatchMetadata? {
        guard header.producerEpoch == epoch else { return nil }
        return batches.first { $0.firstSequence == header.baseSequence && $0.lastSequence == header.lastSequence }
    }
}

/// The verdict on one produced batch of an idempotent producer.
enum SequenceCheck: Equatable, Sendable {
    /// Append it.
    case accept
    /// A retry of a batch already in the log: acknowledge with its original offsets, append nothing.
    case duplicate(ProducerBatchMetadata)
    case reject(ErrorCode, String)
}

/// The producers of one partition, following Kafka's ProducerStateManager/ProducerAppendInfo rules for
/// non-transactional idempotent producers.
struct PartitionProducerState: Sendable {
    private(set) var producers: [Int64: ProducerEntry] = [:]

    var producerCount: Int { producers.count }

    func entry(for producerId: Int64) -> ProducerEntry? { producers[producerId] }

    func check(_ header: RecordBatchHeader) -> SequenceCheck {
        guard header.hasProducerId else { return .accept }
        guard let entry = producers[header.producerId] else {
            // Kafka accepts any sequence from a producer it has no state for (its batches may have been removed by
            // retention or DeleteRecords); UNKNOWN_PRODUCER_ID is no longer sent to clients.
            return .accept
        }
        if let original = entry.duplicate(of: header) { return .duplicate(original) }
        if header.producerEpoch < entry.epoch {
            return .reject(
                .invalidProducerEpoch,
                "epoch \(header.producerEpoch) of producer \(header.producerId) is older than its current epoch \(entry.epoch)")
        }
        if header.producerEpoch > entry.epoch {
            // A bumped epoch restarts the sequence.
            guard header.baseSequence == 0 else {
                return .reject(
                    .outOfOrderSequenceNumber,
                    "sequence \(header.baseSequence) of producer \(header.producerId) with new epoch \(header.producerEpoch) is not 0")
            }
            return .accept
        }
        guard let last = entry.lastSequence else { return .accept }
        guard Self.follows(last, header.baseSequence) else {
            return .reject(
                .outOfOrderSequenceNumber,
                "out of order sequence number for producer \(header.producerId): \(header.baseSequence) (incoming seq. number), \(last) (current end sequence number)")
        }
        return .accept
    }

    /// Records a batch that reached the log (during appends and when replaying the log at start-up).
    mutating func record(_ header: RecordBatchHeader, firstOffset: Int64) {
        guard header.hasProducerId else { return }
        let batch = ProducerBatchMetadata(
            firstSequence: header.baseSequence, lastSequence: header.lastSequence, firstOffset: firstOffset,
            lastOffset: firstOffset + Int64(header.lastOffsetDelta), timestamp: header.maxTimestamp)
        var entry = producers[header.producerId] ?? ProducerEntry(epoch: header.producerEpoch)
        if header.producerEpoch != entry.epoch {
            entry = ProducerEntry(epoch: header.producerEpoch)
        }
        entry.add(batch)
        producers[header.producerId] = entry
    }

    /// Sequences wrap from Int32.max to 0, as producers number them.
    static func follows(_ last: Int32, _ next: Int32) -> Bool {
        last == Int32.max ? next == 0 : next == last + 1
    }
}
