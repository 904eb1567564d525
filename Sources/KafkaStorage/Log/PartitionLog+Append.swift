import KafkaProtocol
import Logging
import NIOCore

extension PartitionLog {
    /// Appends produced v2 batches as they arrived, after checking each (sizes, magic, CRC32C, record count) and
    /// giving it its offsets and `leaderEpoch` in place; with LogAppendTime the max timestamp is stamped too.
    /// Either every batch becomes visible or none does: a failed write is cut off the file before this throws.
    ///
    /// - Throws: `StorageError.invalidRecords`/`.corruptRecords`/`.recordTooLarge` for bad input (nothing
    ///   written), `StorageError.io`/`.noSpace` when the disk fails (KAFKA_STORAGE_ERROR).
    public func append(batches records: ByteBuffer, leaderEpoch: Int32, now: Int64 = currentTimeMillis()) throws
        -> AppendResult
    {
        try checkOpen()
        var buffer = records
        let summary = try validate(buffer)
        let firstOffset = logEndOffset
        let appendTime: Int64 = config.timestampType == .logAppendTime ? now : -1
        var relative = 0
        var nextOffset = firstOffset
        while relative < buffer.readableBytes {
            let index = buffer.readerIndex + relative
            let header = try RecordBatchHeader(parsing: buffer, at: index)
            try buffer.setRecordBatchBaseOffset(nextOffset, batchAt: index)
            try buffer.setRecordBatchPartitionLeaderEpoch(leaderEpoch, batchAt: index)
            if appendTime >= 0 {
                try buffer.setRecordBatchMaxTimestamp(appendTime, timestampType: .logAppendTime, batchAt: index)
            }
            nextOffset += Int64(header.lastOffsetDelta) + 1
            relative += header.sizeInBytes
        }
        let lastOffset = nextOffset - 1

        var segment = activeSegment
        if segment.shouldRoll(appending: buffer.readableBytes, lastOffset: lastOffset, now: now, config: config) {
            segment = try roll(now: now)
        }
        let position = segment.size
        do {
            try segment.log.write(buffer, at: position)
        } catch {
            // Whatever part of the batches reached the file must not be read back or survive a restart.
            try? segment.log.truncate(to: position)
            logger.error("append to \(topicPartition) failed: \(error)")
            throw error
        }
        do {
            try segment.didAppend(buffer, config: config)
        } catch let failure as LogSegment.IndexWriteFailure {
            logger.warning("index entry for \(topicPartition) not written: \(failure.underlying)")
        }
        logEndOffset = nextOffset
        if epochs.assign(epoch: leaderEpoch, startOffset: firstOffset) {
            try writeLeaderEpochCheckpoint()
        }
        unflushedRecords += summary.records
        if unflushedRecords >= config.flushIntervalMessages { try flush() }
        notifyWaiters()
        return AppendResult(
            baseOffset: firstOffset, lastOffset: lastOffset, logAppendTime: appendTime,
            logStartOffset: logStartOffset, batchCount: summary.batches, recordCount: summary.records)
    }

    /// Checks the produced blob before anything is changed: only whole v2 batches with valid CRCs, sizes within
    /// `max.message.bytes`, and record counts that match their offset deltas (offsets are assigned from them).
    func validate(_ records: ByteBuffer) throws -> (batches: Int, records: Int64) {
        guard records.readableBytes > 0 else { throw StorageError.invalidRecords("no record batches") }
        var reader = RecordBatchReader(records)
        var batches = 0
        var count: Int64 = 0
        do {
            while let entry = try reader.next() {
                guard case .batch(let batch) = entry else {
                    throw StorageError.invalidRecords("record format magic \(entry.magic) is not accepted; use magic 2")
                }
                guard batch.sizeInBytes <= config.maxMessageBytes else {
                    throw StorageError.recordTooLarge(size: batch.sizeInBytes, limit: config.maxMessageBytes)
                }
                try batch.verifyCRC()
                let header = batch.header
                guard header.recordCount > 0, Int64(header.lastOffsetDelta) == Int64(header.recordCount) - 1 else {
                    throw StorageError.invalidRecords(
                        "batch has \(header.recordCount) records and last offset delta \(header.lastOffsetDelta)")
                }
                batches += 1
                count += Int64(header.recordCount)
            }
        } catch let error as StorageError {
            throw error
        } catch let error as RecordBatchError {
            throw StorageError.corruptRecords("\(error)")
        } catch {
            throw StorageError.corruptRecords("\(error)")
        }
        if let tail = reader.truncatedTail {
            throw StorageError.corruptRecords("\(tail.readableBytes) bytes of a partial batch at the end")
        }
        return (batches, count)
    }

    /// Starts a new segment at the log end. The old one is sealed (final time index entry, trimmed indexes) and
    /// fsynced, so the recovery point can move past it.
    @discardableResult
    func roll(now: Int64) throws -> LogSegment {
        let old = activeSegment
        if old.size == 0 && old.baseOffset == logEndOffset { return old }
        try old.seal()
        try old.sync()
        // Leftover files at this offset (an earlier crash) hold nothing valid past the log end.
        for name in [
            LogFileNames.logFile(baseOffset: logEndOffset), LogFileNames.indexFile(baseOffset: logEndOffset),
            LogFileNames.timeIndexFile(baseOffset: logEndOffset),
        ] {
            try fileSystem.removeFile(joinPath(directory, name))
        }
        let (segment, _) = try LogSegment.open(
            fileSystem: fileSystem, directory: directory, baseOffset: logEndOffset, config: config, now: now)
        try segment.preallocateIndexes(config: config)
        segments.append(segment)
        recoveryPoint = max(recoveryPoint, segment.baseOffset)
        logger.debug("rolled \(topicPartition) at offset \(segment.baseOffset)")
        return segment
    }
}
