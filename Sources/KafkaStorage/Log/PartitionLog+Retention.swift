import KafkaProtocol
import Logging

extension PartitionLog {
    /// Deletes whole segments past `retention.ms` (by their largest timestamp) or beyond `retention.bytes` (oldest
    /// first), and those wholly below the log start offset. The broker calls it every
    /// `log.retention.check.interval.ms`. Returns the number of segments deleted.
    @discardableResult
    public func enforceRetention(now: Int64 = currentTimeMillis()) throws -> Int {
        try checkOpen()
        var deleted = try deleteSegments { segment, next in
            next.map { $0.baseOffset <= self.logStartOffset } ?? false
        }
        if config.retentionMs >= 0 {
            let limit = config.retentionMs
            deleted += try deleteSegments { segment, _ in
                let newest = segment.maxTimestamp >= 0 ? segment.maxTimestamp : segment.createdMs
                return now - newest > limit
            }
        }
        if config.retentionBytes >= 0 {
            var excess = sizeInBytes - config.retentionBytes
            deleted += try deleteSegments { segment, _ in
                guard excess - segment.size >= 0 else { return false }
                excess -= segment.size
                return true
            }
        }
        return deleted
    }

    /// DeleteRecords: moves the log start offset to `offset` (at most the high watermark) and drops the segments
    /// wholly below it. Returns the new log start offset.
    @discardableResult
    public func deleteRecords(before offset: Int64) throws -> Int64 {
        try checkOpen()
        guard offset <= highWatermark else {
            throw StorageError.offsetOutOfRange(
                offset: offset, logStartOffset: logStartOffset, logEndOffset: logEndOffset)
        }
        guard offset > logStartOffset else { return logStartOffset }
        logStartOffset = offset
        if epochs.truncateFromStart(offset) { try writeLeaderEpochCheckpoint() }
        try deleteSegments { _, next in next.map { $0.baseOffset <= offset } ?? false }
        return logStartOffset
    }

    /// Removes every record at or above `offset` (whole batches: a batch holding `offset` goes entirely).
    public func truncate(to offset: Int64) throws {
        try checkOpen()
        guard offset < logEndOffset else { return }
        if offset <= segments[0].baseOffset || offset <= logStartOffset {
            try truncateFully(startingAt: max(offset, logStartOffset))
            return
        }
        while segments.count > 1, activeSegment.baseOffset >= offset {
            let segment = segments.removeLast()
            try segment.delete(fileSystem: fileSystem)
        }
        try activeSegment.truncate(to: offset, config: config)
        logEndOffset = activeSegment.nextOffset
        recoveryPoint = min(recoveryPoint, logEndOffset)
        if epochs.truncateFromEnd(logEndOffset) { try writeLeaderEpochCheckpoint() }
        logger.info("truncated \(topicPartition) to offset \(logEndOffset)")
    }

    /// Deletes every segment and starts an empty one at `offset`.
    func truncateFully(startingAt offset: Int64) throws {
        for segment in segments { try segment.delete(fileSystem: fileSystem) }
        let (segment, _) = try LogSegment.open(
            fileSystem: fileSystem, directory: directory, baseOffset: offset, config: config, now: currentTimeMillis())
        try segment.preallocateIndexes(config: config)
        segments = [segment]
        logStartOffset = offset
        logEndOffset = offset
        recoveryPoint = offset
        if epochs.truncateFromEnd(offset) { try writeLeaderEpochCheckpoint() }
    }

    /// Deletes the oldest segments while `predicate(segment, next)` holds (Kafka's `deletableSegments`: never past
    /// the high watermark, never an empty active segment). Deleting every segment rolls a new empty one first.
    @discardableResult
    func deleteSegments(_ predicate: (LogSegment, LogSegment?) throws -> Bool) throws -> Int {
        var count = 0
        while count < segments.count {
            let segment = segments[count]
            let next = count + 1 < segments.count ? segments[count + 1] : nil
            let upperBound = next?.baseOffset ?? logEndOffset
            let isEmptyActive = next == nil && segment.size == 0
            guard highWatermark >= upperBound, !isEmptyActive, try predicate(segment, next) else { break }
            count += 1
        }
        guard count > 0 else { return 0 }
        if count == segments.count { try roll(now: currentTimeMillis()) }
        for segment in segments[..<count] {
            try segment.delete(fileSystem: fileSystem)
            logger.info("deleted segment \(segment.logPath) of \(topicPartition) (retention)")
        }
        segments.removeFirst(count)
        if segments[0].baseOffset > logStartOffset {
            logStartOffset = segments[0].baseOffset
            if epochs.truncateFromStart(logStartOffset) { try writeLeaderEpochCheckpoint() }
        }
        return count
    }
}
