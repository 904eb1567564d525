/// The leader epoch cache behind `leader-epoch-checkpoint`: which epoch wrote from which offset, for
/// OffsetForLeaderEpoch and for truncation. Epochs and start offsets only increase.
public struct LeaderEpochCache: Hashable, Sendable {
    public private(set) var entries: [EpochEntry]

    public init(entries: [EpochEntry] = []) {
        self.entries = entries
    }

    public var latestEpoch: Int32? { entries.last?.epoch }

    /// Records that `epoch` starts at `startOffset`; returns whether anything changed.
    @discardableResult
    public mutating func assign(epoch: Int32, startOffset: Int64) -> Bool {
        guard epoch >= 0 else { return false }
        if let last = entries.last, epoch <= last.epoch { return false }
        // A new epoch starting below an older one means those entries were never committed.
        entries.removeAll { $0.startOffset >= startOffset }
        entries.append(EpochEntry(epoch: epoch, startOffset: startOffset))
        return true
    }

    /// Drops the epochs that start at or after `endOffset` (the log was truncated there).
    @discardableResult
    public mutating func truncateFromEnd(_ endOffset: Int64) -> Bool {
        let before = entries.count
        entries.removeAll { $0.startOffset >= endOffset }
        return entries.count != before
    }

    /// Drops epochs wholly before `startOffset`, moving the start of the one that spans it (log start moved).
    @discardableResult
    public mutating func truncateFromStart(_ startOffset: Int64) -> Bool {
        guard let spanning = entries.lastIndex(where: { $0.startOffset <= startOffset }) else { return false }
        let changed = spanning > 0 || entries[spanning].startOffset != startOffset
        entries.removeFirst(spanning)
        entries[0].startOffset = startOffset
        return changed
    }

    /// Kafka's `endOffsetFor`: the largest epoch not above `epoch` and the offset where the next epoch starts
    /// (the log end for the latest epoch); (-1, -1) when `epoch` precedes every entry.
    public func endOffset(forEpoch epoch: Int32, logEndOffset: Int64) -> (epoch: Int32, endOffset: Int64) {
        guard let latest = entries.last else { return (-1, -1) }
        if epoch >= latest.epoch { return (latest.epoch, logEndOffset) }
        guard let higher = entries.firstIndex(where: { $0.epoch > epoch }) else { return (latest.epoch, logEndOffset) }
        guard higher > 0 else { return (-1, -1) }
        return (entries[higher - 1].epoch, entries[higher].startOffset)
    }
}
