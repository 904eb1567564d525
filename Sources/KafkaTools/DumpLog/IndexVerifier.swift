import KafkaProtocol
import KafkaStorage

/// What Apache's tool checks for every index entry while dumping (and all it prints with
/// `--verify-index-only`): an `.index` entry must point at a batch whose last offset is the entry's offset; a
/// `.timeindex` entry must name a batch's last offset and its max timestamp, with timestamps increasing. The
/// findings are printed on stderr after all files, in Apache's words.
final class IndexVerifier {
    private var offsetMismatches: [(path: String, pairs: [(Int64, Int64)])] = []
    private var timestampMismatches: [(path: String, pairs: [(Int64, Int64)])] = []
    private var outOfOrder: [(path: String, pairs: [(Int64, Int64)])] = []
    private var offsetsNotFound: [(path: String, pairs: [(Int64, Int64)])] = []
    let maxMessageSize: Int

    init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// The `.log` file next to an index (`…/00000000000000000042.index` → `…/00000000000000000042.log`).
    static func logPath(forIndex path: String) -> String {
        let directoryEnd = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[directoryEnd...]
        let base = name.prefix { $0 != "." }
        return String(path[..<directoryEnd]) + base + ".log"
    }

    /// Checks one `.index` entry against the batch at its position (Apache reads up to `--max-message-size`).
    func checkOffsetEntry(_ entry: OffsetPosition, log: any StorageFile, path: String) throws {
        var scanner = try LogFileScanner(
            file: log, startPosition: Int64(entry.position),
            endPosition: min(try log.size(), Int64(entry.position) + Int64(maxMessageSize)), chunkSize: 4096)
        let lastOffset = try scanner.nextHeader()?.lastOffset ?? -1
        if lastOffset != entry.offset { add(&offsetMismatches, path, (entry.offset, lastOffset)) }
    }

    /// Checks one `.timeindex` entry: the batch ending at its offset (found from `startPosition`, the offset
    /// index's position for it) must have the entry's timestamp as its max timestamp.
    func checkTimeEntry(
        _ entry: TimestampOffset, previousTimestamp: Int64, log: any StorageFile, startPosition: Int64, path: String
    ) throws {
        // Only batch headers are read, so small reads are enough.
        var scanner = try LogFileScanner(file: log, startPosition: startPosition, chunkSize: 4096)
        var found: LogEntryHeader?
        while let header = try scanner.nextHeader() {
            if header.lastOffset >= entry.offset {
                found = header
                break
            }
        }
        if let batch = found {
            if batch.lastOffset != entry.offset {
                add(&offsetsNotFound, path, (entry.offset, batch.lastOffset))
            } else if batch.maxTimestamp != entry.timestamp {
                add(&timestampMismatches, path, (entry.timestamp, batch.maxTimestamp))
            }
        } else {
            add(&offsetsNotFound, path, (entry.offset, -1))
        }
        if previousTimestamp >= entry.timestamp { add(&outOfOrder, path, (entry.timestamp, previousTimestamp)) }
    }

    private func add(_ list: inout [(path: String, pairs: [(Int64, Int64)])], _ path: String, _ pair: (Int64, Int64)) {
        if let index = list.firstIndex(where: { $0.path == path }) {
            list[index].pairs.append(pair)
        } else {
            list.append((path, [pair]))
        }
    }

    /// Apache's reports, in its order: offset index mismatches, then time index problems.
    func reportLines() -> [String] {
        var lines: [String] = []
        for (path, pairs) in offsetMismatches {
            lines.append("Mismatches in :\(path)")
            lines += pairs.map { "  Index offset: \($0.0), log offset: \($0.1)" }
        }
        for (path, pairs) in timestampMismatches {
            lines.append("Found timestamp mismatch in :\(path)")
            lines += pairs.map { "  Index timestamp: \($0.0), log timestamp: \($0.1)" }
        }
        for (path, pairs) in outOfOrder {
            lines.append("Found out of order timestamp in :\(path)")
            lines += pairs.map { "  Index timestamp: \($0.0), Previously indexed timestamp: \($0.1)" }
        }
        for (_, pairs) in offsetsNotFound {
            lines.append("The following indexed offsets are not found in the log.")
            lines += pairs.map { "Indexed offset: \($0.0), found log offset: \($0.1)" }
        }
        return lines
    }
}
