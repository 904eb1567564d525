import KafkaProtocol
import KafkaStorage
import NIOCore

/// One partition a fetch asks for, resolved to its log (or to the error it gets instead).
struct FetchTarget: Sendable {
    var log: PartitionLog?
    /// The code when there is no log (unknown topic, partition or topic id).
    var missingCode: ErrorCode = .unknownTopicOrPartition
    var fetchOffset: Int64
    var partitionMaxBytes: Int
}

/// What one partition's read gave.
struct PartitionFetch: Sendable {
    var errorCode: ErrorCode = .noError
    var highWatermark: Int64 = -1
    var logStartOffset: Int64 = -1
    /// File bytes: whole batches as stored.
    var records = ByteBuffer()
}

/// Reads the partitions of one fetch in request order under Kafka's limits: each partition gets at most its
/// `partition_max_bytes`, the whole response at most `max_bytes`, except that the first partition with data always
/// gets one whole batch however large (Kafka's minOneMessage, so a consumer never stalls on a big batch).
enum FetchAssembler {
    static func read(_ targets: [FetchTarget], maxBytes: Int) async -> (partitions: [PartitionFetch], bytes: Int) {
        var results: [PartitionFetch] = []
        results.reserveCapacity(targets.count)
        var total = 0
        for target in targets {
            guard let log = target.log else {
                results.append(PartitionFetch(errorCode: target.missingCode))
                continue
            }
            let limit = max(0, min(target.partitionMaxBytes, maxBytes - total))
            do {
                let read = try await log.read(from: target.fetchOffset, maxBytes: limit, minOneBatch: total == 0)
                total += read.records.readableBytes
                results.append(
                    PartitionFetch(
                        highWatermark: read.highWatermark, logStartOffset: read.logStartOffset, records: read.records))
            } catch {
                results.append(
                    PartitionFetch(
                        errorCode: .from(storage: error), highWatermark: await log.highWatermark,
                        logStartOffset: await log.logStartOffset))
            }
        }
        return (results, total)
    }
}
