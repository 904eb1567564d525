/// A topic-partition, as the checkpoint files name it.
public struct TopicPartition: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }

    public static func < (lhs: TopicPartition, rhs: TopicPartition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// Kafka's offset checkpoint files (`recovery-point-offset-checkpoint`, `log-start-offset-checkpoint`,
/// `replication-offset-checkpoint`): a version line `0`, a count line, then `topic partition offset` lines.
public enum OffsetCheckpointFile {
    public static let version = 0

    public static func format(_ offsets: [TopicPartition: Int64]) -> String {
        var text = "\(version)\n\(offsets.count)\n"
        for (partition, offset) in offsets.sorted(by: { $0.key < $1.key }) {
            text += "\(partition.topic) \(partition.partition) \(offset)\n"
        }
        return text
    }

    public static func parse(_ text: String, path: String = "checkpoint") throws -> [TopicPartition: Int64] {
        let lines = try CheckpointLines(text, path: path)
        var offsets: [TopicPartition: Int64] = [:]
        for line in lines.entries {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, let partition = Int32(fields[1]), let offset = Int64(fields[2]) else {
                throw StorageError.corruptFile(path: path, detail: "malformed line '\(line)'")
            }
            offsets[TopicPartition(topic: String(fields[0]), partition: partition)] = offset
        }
        return offsets
    }
}

/// The shared frame of Kafka's checkpoint files: version 0, an entry count, and exactly that many lines.
struct CheckpointLines {
    let entries: [Substring]

    init(_ text: String, path: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0].trimmingSpaces == "0" else {
            throw StorageError.corruptFile(path: path, detail: "unsupported checkpoint version '\(lines.first ?? "")'")
        }
        guard let count = Int(lines[1].trimmingSpaces), count >= 0, lines.count >= 2 + count else {
            throw StorageError.corruptFile(path: path, detail: "bad entry count '\(lines[1])'")
        }
        entries = Array(lines[2..<(2 + count)])
        let rest = lines[(2 + count)...].filter { !$0.trimmingSpaces.isEmpty }
        guard rest.isEmpty else {
            throw StorageError.corruptFile(path: path, detail: "expected \(count) entries, found more")
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\r" || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\r" || last == "\t" { result.removeLast() }
        return result
    }
}
