import KafkaCompression
import KafkaProtocol
import NIOCore

/// Turns one partition's fetched bytes into records, as Java's `CompletedFetch` does: records before the fetch
/// offset (inside a compressed batch that started earlier) are dropped, control batches are never delivered, and
/// under read_committed the batches of aborted transactions are skipped.
struct FetchedRecords {
    /// Batches are decompressed within this bound (a fetch is at most `fetch.max.bytes`, compression rarely
    /// exceeds 1:64).
    static let maxDecompressedBytes = 1 << 30

    var records: [ConsumerRecord] = []
    /// The offset to fetch next: after the last whole batch, control batches included.
    var nextOffset: Int64

    init(
        topic: String, partition: Int32, data: ByteBuffer, fetchOffset: Int64, isolation: IsolationLevel,
        abortedTransactions: [FetchResponse.AbortedTransaction], checkCRCs: Bool
    ) throws {
        nextOffset = fetchOffset
        var aborted = abortedTransactions.sorted { $0.firstOffset < $1.firstOffset }[...]
        var abortedProducers = Set<Int64>()
        var reader = RecordBatchReader(data)
        while let entry = try reader.next() {
            switch entry {
            case .legacy(let message):
                for record in try message.decodeLogRecords(
                    maxDecompressedBytes: Self.maxDecompressedBytes, verifyCRC: checkCRCs)
                where record.offset >= fetchOffset {
                    records.append(
                        ConsumerRecord(
                            topic: topic, partition: partition, offset: record.offset, timestamp: record.timestamp,
                            timestampType: record.timestampType, key: record.key, value: record.value))
                    nextOffset = record.offset + 1
                }
            case .batch(let batch):
                let header = batch.header
                defer { nextOffset = max(nextOffset, header.nextOffset) }
                if isolation == .readCommitted {
                    while let first = aborted.first, first.firstOffset <= header.lastOffset {
                        abortedProducers.insert(first.producerId)
                        aborted.removeFirst()
                    }
                }
                if header.isControl {
                    // An abort marker ends that producer's aborted transaction.
                    if isolation == .readCommitted { abortedProducers.remove(header.producerId) }
                    continue
                }
                if isolation == .readCommitted && header.isTransactional
                    && abortedProducers.contains(header.producerId)
                {
                    continue
                }
                if header.lastOffset < fetchOffset { continue }
                if checkCRCs { try batch.verifyCRC() }
                var iterator = try batch.records(maxDecompressedBytes: Self.maxDecompressedBytes)
                let leaderEpoch = header.partitionLeaderEpoch >= 0 ? header.partitionLeaderEpoch : nil
                while let record = try iterator.next() {
                    let offset = record.offset(in: header)
                    guard offset >= fetchOffset else { continue }
                    records.append(
                        ConsumerRecord(
                            topic: topic, partition: partition, offset: offset, timestamp: record.timestamp(in: header),
                            timestampType: header.timestampType, key: record.key, value: record.value,
                            headers: record.headers, leaderEpoch: leaderEpoch))
                }
            }
        }
    }
}
