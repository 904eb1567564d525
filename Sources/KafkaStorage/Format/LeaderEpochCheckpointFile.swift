/// One entry of the leader epoch cache: the first offset written under `epoch`.
public struct EpochEntry: Hashable, Sendable {
    public var epoch: Int32
    public var startOffset: Int64

    public init(epoch: Int32, startOffset: Int64) {
        self.epoch = epoch
        self.startOffset = startOffset
    }
}

/// `leader-epoch-checkpoint`: version `0`, a count, then `epoch startOffset` lines.
public enum LeaderEpochCheckpointFile {
    public static func format(_ entries: [EpochEntry]) -> String {
        var text = "0\n\(entries.count)\n"
        for entry in entries { text += "\(entry.epoch) \(entry.startOffset)\n" }
        return text
    }

    public static func parse(_ text: String, path: String = LogFileNames.leaderEpochCheckpoint) throws -> [EpochEntry] {
        try CheckpointLines(text, path: path).entries.map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, let epoch = Int32(fields[0]), let offset = Int64(fields[1]) else {
                throw StorageError.corruptFile(path: path, detail: "malformed line '\(line)'")
            }
            return EpochEntry(epoch: epoch, startOffset: offset)
        }
    }
}
