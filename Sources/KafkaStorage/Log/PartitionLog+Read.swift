import KafkaProtocol
import NIOCore

extension PartitionLog {
    /// File bytes from the batch holding `offset`: whole batches up to `maxBytes`, and at least one whole batch
    /// however large when `minOneBatch` (Kafka's `minOneMessage`, so a consumer never gets stuck).
    ///
    /// - Throws: `StorageError.offsetOutOfRange` when `offset` is below the log start or above the log end.
    public func read(
        from offset: Int64, maxBytes: Int, minOneBatch: Bool = true,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws -> ReadResult {
        let region = try locateRead(from: offset, maxBytes: maxBytes, minOneBatch: minOneBatch)
        var records = allocator.buffer(capacity: 0)
        if let region {
            records = try region.segment.log.read(at: region.start, length: Int(region.end - region.start), allocator: allocator)
        }
        return ReadResult(
            records: records, highWatermark: highWatermark, logStartOffset: logStartOffset,
            logEndOffset: logEndOffset)
    }

    /// The same bytes as `read`, described as a file region for `sendfile` (nothing is read into memory).
    public func readSlice(from offset: Int64, maxBytes: Int, minOneBatch: Bool = true) throws -> ReadSliceResult {
        let region = try locateRead(from: offset, maxBytes: maxBytes, minOneBatch: minOneBatch)
        let slice = region.map { FileSlice(file: $0.segment.log, offset: $0.start, length: Int($0.end - $0.start)) }
        return ReadSliceResult(
            slice: slice, highWatermark: highWatermark, logStartOffset: logStartOffset, logEndOffset: logEndOffset)
    }

    func locateRead(from offset: Int64, maxBytes: Int, minOneBatch: Bool) throws
        -> (segment: LogSegment, start: Int64, end: Int64)?
    {
        try checkOpen()
        guard offset >= logStartOffset, offset <= logEndOffset else {
            throw StorageError.offsetOutOfRange(
                offset: offset, logStartOffset: logStartOffset, logEndOffset: logEndOffset)
        }
        guard offset < logEndOffset, var index = segmentIndex(for: offset) else { return nil }
        // The offset may sit past the last batch of its segment (a gap, or the next segment's base).
        while index < segments.count {
            let segment = segments[index]
            if let header = try segment.locate(offset) {
                let end = try segment.endOfWholeEntries(from: header.position, maxBytes: maxBytes, minOne: minOneBatch)
                guard end > header.position else { return nil }
                return (segment, header.position, end)
            }
            index += 1
        }
        return nil
    }

    // MARK: Offsets

    /// ListOffsets EARLIEST.
    public var earliestOffset: Int64 { logStartOffset }
    /// ListOffsets LATEST (the high watermark).
    public var latestOffset: Int64 { highWatermark }

    /// The first record whose timestamp is at or after `timestamp` (through the time index, then the batch's
    /// records), or nil when every record is older.
    public func offsetForTimestamp(_ timestamp: Int64) throws -> TimestampOffset? {
        try checkOpen()
        for segment in segments where segment.maxTimestamp >= timestamp && segment.nextOffset > logStartOffset {
            if let found = try segment.find(timestamp: timestamp, startingAt: logStartOffset) { return found }
        }
        return nil
    }

    /// ListOffsets MAX_TIMESTAMP: the largest timestamp and the last offset of the batch that carried it.
    public func maxTimestampAndOffset() -> TimestampOffset? {
        var best: TimestampOffset?
        for segment in segments where segment.maxTimestamp >= 0 {
            if segment.maxTimestamp > (best?.timestamp ?? -1) {
                best = TimestampOffset(timestamp: segment.maxTimestamp, offset: segment.offsetOfMaxTimestamp)
            }
        }
        return best
    }
}
