import KafkaProtocol
import KafkaStorage
import NIOConcurrencyHelpers
import NIOCore

/// What became of one partition's produced batch.
enum ProduceOutcome: Sendable {
    case appended(AppendResult)
    /// A retry of a batch already in the log, acknowledged with its original offsets (Kafka answers NONE, not
    /// DUPLICATE_SEQUENCE_NUMBER, to every client that still checks for it).
    case duplicate(ProducerBatchMetadata, logStartOffset: Int64)
}

/// Appends to one partition with Kafka's idempotence checks. Batches without a producer id go straight to the
/// log; those with one are checked, appended and recorded under the partition's lock, so a concurrent append of
/// the same producer cannot slip between check and record.
final class PartitionWriter: Sendable {
    let log: PartitionLog
    private let lock = AsyncLock()
    /// nil until the first idempotent batch, when the log's headers are replayed to fill it.
    private let state = NIOLockedValueBox<PartitionProducerState?>(nil)
    private let producerIds: ProducerIdAllocator

    init(log: PartitionLog, producerIds: ProducerIdAllocator) {
        self.log = log
        self.producerIds = producerIds
    }

    /// - Throws: `ProduceRejection` for a sequence or epoch error, a storage error from the append.
    func append(_ records: ByteBuffer, header: RecordBatchHeader, leaderEpoch: Int32) async throws -> ProduceOutcome {
        guard header.hasProducerId else {
            return .appended(try await log.append(batches: records, leaderEpoch: leaderEpoch))
        }
        let log = self.log
        return try await lock.withLock {
            var producers = try await self.loadedState()
            switch producers.check(header) {
            case .reject(let code, let message):
                throw ProduceRejection(code, message)
            case .duplicate(let original):
                return .duplicate(original, logStartOffset: await log.logStartOffset)
            case .accept:
                let result = try await log.append(batches: records, leaderEpoch: leaderEpoch)
                producers.record(header, firstOffset: result.baseOffset)
                self.state.withLockedValue { $0 = producers }
                return .appended(result)
            }
        }
    }

    /// The producer state, replayed from the log the first time (under the lock, so only once).
    func loadedState() async throws -> PartitionProducerState {
        if let loaded = state.withLockedValue({ $0 }) { return loaded }
        let rebuilt = try await ProducerStateReplay.rebuild(from: log, allocator: producerIds)
        state.withLockedValue { $0 = rebuilt }
        return rebuilt
    }
}
