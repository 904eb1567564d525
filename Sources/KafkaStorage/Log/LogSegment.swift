import KafkaCompression
import KafkaProtocol
import NIOCore

/// One segment: `<base>.log` with its `.index` and `.timeindex`. Owned by one `PartitionLog` (never shared, so not
/// Sendable); the file handles inside are.
final class LogSegment {
    let baseOffset: Int64
    let directory: String
    let log: any StorageFile
    let offsetIndex: OffsetIndex
    let timeIndex: TimeIndex
    /// Bytes of whole, valid batches in `.log`.
    private(set) var size: Int64
    /// The offset after the last batch (the base offset while empty).
    private(set) var nextOffset: Int64
    private(set) var maxTimestamp: Int64 = -1
    private(set) var offsetOfMaxTimestamp: Int64 = -1
    /// The first batch's max timestamp, which `segment.ms` counts from (Kafka's rollingBasedTimestamp).
    private(set) var firstBatchTimestamp: Int64?
    /// When this process created the segment, for `segment.ms` on a segment with no timestamps.
    let createdMs: Int64
    private var bytesSinceLastIndexEntry = 0

    var logPath: String { joinPath(directory, LogFileNames.logFile(baseOffset: baseOffset)) }
    var indexPath: String { joinPath(directory, LogFileNames.indexFile(baseOffset: baseOffset)) }
    var timeIndexPath: String { joinPath(directory, LogFileNames.timeIndexFile(baseOffset: baseOffset)) }

    private init(
        baseOffset: Int64, directory: String, log: any StorageFile, offsetIndex: OffsetIndex, timeIndex: TimeIndex,
        size: Int64, createdMs: Int64
    ) {
        self.baseOffset = baseOffset
        self.directory = directory
        self.log = log
        self.offsetIndex = offsetIndex
        self.timeIndex = timeIndex
        self.size = size
        self.nextOffset = baseOffset
        self.createdMs = createdMs
    }

    /// Opens (creating when missing) the three files; `indexesExisted` says whether both indexes were on disk.
    static func open(
        fileSystem: any StorageFileSystem, directory: String, baseOffset: Int64, config: LogConfig, now: Int64
    ) throws -> (segment: LogSegment, indexesExisted: Bool) {
        let logPath = joinPath(directory, LogFileNames.logFile(baseOffset: baseOffset))
        let indexPath = joinPath(directory, LogFileNames.indexFile(baseOffset: baseOffset))
        let timeIndexPath = joinPath(directory, LogFileNames.timeIndexFile(baseOffset: baseOffset))
        let existed = fileSystem.fileExists(indexPath) && fileSystem.fileExists(timeIndexPath)
        let log = try fileSystem.openFile(logPath, create: true)
        let offsetIndex = OffsetIndex(
            file: try fileSystem.openFile(indexPath, create: true), path: indexPath, baseOffset: baseOffset,
            maxIndexSize: config.segmentIndexBytes)
        let timeIndex = TimeIndex(
            file: try fileSystem.openFile(timeIndexPath, create: true), path: timeIndexPath, baseOffset: baseOffset,
            maxIndexSize: config.segmentIndexBytes)
        let segment = LogSegment(
            baseOffset: baseOffset, directory: directory, log: log, offsetIndex: offsetIndex, timeIndex: timeIndex,
            size: try log.size(), createdMs: now)
        return (segment, existed)
    }

    // MARK: Append

    /// Records that `records` (whole, offset-assigned v2 batches) were written at the end of `.log`, adding index
    /// entries where Kafka adds them: before a batch, once more than `index.interval.bytes` went by since the last
    /// entry, pointing at that batch (its last offset, its start position).
    func didAppend(_ records: ByteBuffer, config: LogConfig) throws {
        var relative = 0
        let start = size
        var indexError: Error?
        while relative < records.readableBytes {
            let header = try RecordBatchHeader(parsing: records, at: records.readerIndex + relative)
            if header.maxTimestamp > maxTimestamp {
                maxTimestamp = header.maxTimestamp
                offsetOfMaxTimestamp = header.lastOffset
            }
            if firstBatchTimestamp == nil { firstBatchTimestamp = header.maxTimestamp }
            if bytesSinceLastIndexEntry > config.indexIntervalBytes {
                do {
                    try offsetIndex.append(offset: header.lastOffset, position: Int(start) + relative)
                    try timeIndex.maybeAppend(timestamp: maxTimestamp, offset: offsetOfMaxTimestamp)
                } catch {
                    // A missing sparse entry only makes lookups scan further; the data is already written.
                    indexError = error
                }
                bytesSinceLastIndexEntry = 0
            }
            bytesSinceLastIndexEntry += header.sizeInBytes
            nextOffset = header.nextOffset
            relative += header.sizeInBytes
        }
        size += Int64(records.readableBytes)
        if let indexError { throw IndexWriteFailure(underlying: indexError) }
    }

    struct IndexWriteFailure: Error { let underlying: Error }

    // MARK: Recovery and loading

    struct RecoveryOutcome {
        var validBytes: Int64
        var truncatedBytes: Int64
        var reason: String?
    }

    /// Kafka's `LogSegment.recover`: validates every entry (sizes, magic, CRC, increasing offsets), rebuilds both
    /// indexes from scratch, and truncates `.log` after the last valid entry.
    func recover(config: LogConfig, epochs: inout LeaderEpochCache) throws -> RecoveryOutcome {
        try offsetIndex.reset()
        try timeIndex.reset()
        try offsetIndex.preallocate(maxIndexSize: config.segmentIndexBytes)
        try timeIndex.preallocate(maxIndexSize: config.segmentIndexBytes)
        maxTimestamp = -1
        offsetOfMaxTimestamp = -1
        firstBatchTimestamp = nil
        nextOffset = baseOffset
        bytesSinceLastIndexEntry = 0
        var scanner = try LogFileScanner(file: log, startPosition: 0)
        var validBytes: Int64 = 0
        var reason: String?
        while let (header, bytes) = try scanner.nextEntry() {
            if let problem = Self.problem(with: header, bytes: bytes, expectedOffset: nextOffset, base: baseOffset) {
                reason = "\(problem) at position \(header.position)"
                break
            }
            if header.maxTimestamp > maxTimestamp {
                maxTimestamp = header.maxTimestamp
                offsetOfMaxTimestamp = header.lastOffset
            }
            if firstBatchTimestamp == nil { firstBatchTimestamp = header.maxTimestamp }
            if bytesSinceLastIndexEntry > config.indexIntervalBytes {
                try offsetIndex.append(offset: header.lastOffset, position: Int(header.position))
                try timeIndex.maybeAppend(timestamp: maxTimestamp, offset: offsetOfMaxTimestamp)
                bytesSinceLastIndexEntry = 0
            }
            bytesSinceLastIndexEntry += header.sizeInBytes
            if let batch = header.batch, batch.partitionLeaderEpoch >= 0 {
                epochs.assign(epoch: batch.partitionLeaderEpoch, startOffset: batch.baseOffset)
            }
            nextOffset = header.lastOffset + 1
            validBytes = header.position + Int64(header.sizeInBytes)
        }
        if reason == nil, let tail = scanner.tail { reason = "\(tail.reason) at position \(tail.position)" }
        let fileSize = try log.size()
        if fileSize > validBytes { try log.truncate(to: validBytes) }
        size = validBytes
        return RecoveryOutcome(validBytes: validBytes, truncatedBytes: fileSize - validBytes, reason: reason)
    }

    static func problem(with header: LogEntryHeader, bytes: ByteBuffer, expectedOffset: Int64, base: Int64) -> String? {
        if header.firstOffset < expectedOffset && header.batch != nil {
            return "offset \(header.firstOffset) below the expected \(expectedOffset)"
        }
        if header.lastOffset < header.firstOffset || header.lastOffset - base > Int64(Int32.max) || header.firstOffset < base {
            return "offsets \(header.firstOffset)...\(header.lastOffset) outside the segment"
        }
        do {
            if header.batch != nil {
                try RecordBatch(bytes: bytes).verifyCRC()
            } else {
                try LegacyMessage(bytes: bytes).verifyCRC()
            }
        } catch {
            return "\(error)"
        }
        return nil
    }

    /// Loads both indexes from their files after a clean shutdown, then reads the batch headers after the last
    /// index entry to find the segment's next offset and max timestamp. Returns false when the indexes or the log
    /// do not hold up, and the segment needs `recover`.
    func load(config: LogConfig) throws -> Bool {
        try offsetIndex.load()
        try timeIndex.load()
        guard offsetIndex.isConsistent(logSize: size) else { return false }
        if let last = timeIndex.last {
            maxTimestamp = last.timestamp
            offsetOfMaxTimestamp = last.offset
        }
        let start = offsetIndex.lookup(offsetIndex.lastOffset)
        var scanner = try LogFileScanner(file: log, startPosition: Int64(start.position), chunkSize: 64 << 10)
        nextOffset = offsetIndex.count > 0 ? offsetIndex.lastOffset + 1 : baseOffset
        var first = offsetIndex.count == 0
        if !first {
            var head = try LogFileScanner(file: log, startPosition: 0, endPosition: size, chunkSize: 4096)
            firstBatchTimestamp = try head.nextHeader()?.maxTimestamp
        }
        while let header = try scanner.nextHeader() {
            if first {
                firstBatchTimestamp = header.maxTimestamp
                first = false
            }
            if header.maxTimestamp > maxTimestamp {
                maxTimestamp = header.maxTimestamp
                offsetOfMaxTimestamp = header.lastOffset
            }
            nextOffset = header.lastOffset + 1
        }
        bytesSinceLastIndexEntry = Int(size - Int64(start.position))
        guard scanner.tail == nil, timeIndex.isConsistent(nextOffset: nextOffset) else { return false }
        return true
    }

    // MARK: Lookups

    /// The first entry whose last offset is at or above `offset`, scanning from the index entry below it.
    func locate(_ offset: Int64) throws -> LogEntryHeader? {
        let start = offsetIndex.lookup(offset)
        var scanner = try LogFileScanner(
            file: log, startPosition: Int64(start.position), endPosition: size, chunkSize: 32 << 10)
        while let header = try scanner.nextHeader() {
            if header.lastOffset >= offset { return header }
        }
        return nil
    }

    /// The end of the whole entries from `position` that fit in `maxBytes`; at least one entry when `minOne`.
    func endOfWholeEntries(from position: Int64, maxBytes: Int, minOne: Bool) throws -> Int64 {
        var scanner = try LogFileScanner(file: log, startPosition: position, endPosition: size, chunkSize: 16 << 10)
        var end = position
        while let header = try scanner.nextHeader() {
            let next = header.position + Int64(header.sizeInBytes)
            if next - position > Int64(maxBytes) && !(minOne && end == position) { break }
            end = next
        }
        return end
    }

    /// The first record at or after `timestamp`: Kafka's `findOffsetByTimestamp`, down to the record.
    func find(timestamp: Int64, startingAt offset: Int64) throws -> TimestampOffset? {
        let entry = timeIndex.lookup(timestamp)
        let position = offsetIndex.lookup(max(entry.offset, offset)).position
        var scanner = try LogFileScanner(file: log, startPosition: Int64(position), endPosition: size)
        while let (header, bytes) = try scanner.nextEntry() {
            guard header.maxTimestamp >= timestamp, header.lastOffset >= offset else { continue }
            guard let batchHeader = header.batch else {
                return TimestampOffset(timestamp: header.maxTimestamp, offset: header.lastOffset)
            }
            if batchHeader.timestampType == .logAppendTime {
                return TimestampOffset(timestamp: batchHeader.maxTimestamp, offset: max(batchHeader.baseOffset, offset))
            }
            let batch = try RecordBatch(bytes: bytes)
            var records = try batch.records(maxDecompressedBytes: 1 << 30)
            while let record = try records.next() {
                let recordTimestamp = batchHeader.baseTimestamp &+ record.timestampDelta
                let recordOffset = record.offset(in: batchHeader)
                if recordTimestamp >= timestamp && recordOffset >= offset {
                    return TimestampOffset(timestamp: recordTimestamp, offset: recordOffset)
                }
            }
        }
        return nil
    }

    // MARK: Changes

    /// Removes everything from the first entry holding an offset at or above `offset`.
    func truncate(to offset: Int64, config: LogConfig) throws {
        guard let header = try locate(offset) else { return }
        try log.truncate(to: header.position)
        size = header.position
        // Indexes, max timestamp and the next offset are rebuilt from the remaining data (truncation is rare).
        var epochs = LeaderEpochCache()
        _ = try recover(config: config, epochs: &epochs)
    }

    /// What Kafka does when a segment stops being the active one: a last time index entry, then both indexes
    /// trimmed to their entries.
    func seal() throws {
        if maxTimestamp >= 0 {
            try timeIndex.maybeAppend(timestamp: maxTimestamp, offset: offsetOfMaxTimestamp, skipFullCheck: true)
        }
        try offsetIndex.trim()
        try timeIndex.trim()
    }

    func preallocateIndexes(config: LogConfig) throws {
        try offsetIndex.preallocate(maxIndexSize: config.segmentIndexBytes)
        try timeIndex.preallocate(maxIndexSize: config.segmentIndexBytes)
    }

    func sync() throws {
        try log.sync()
        try offsetIndex.file.sync()
        try timeIndex.file.sync()
    }

    func delete(fileSystem: any StorageFileSystem) throws {
        try fileSystem.removeFile(logPath)
        try fileSystem.removeFile(indexPath)
        try fileSystem.removeFile(timeIndexPath)
    }

    /// Whether an append of `bytes` ending at `lastOffset` must go to a new segment (Kafka's `shouldRoll`).
    func shouldRoll(appending bytes: Int, lastOffset: Int64, now: Int64, config: LogConfig) -> Bool {
        guard size > 0 else { return false }
        if size + Int64(bytes) > Int64(config.segmentBytes) { return true }
        if now - (firstBatchTimestamp ?? createdMs) > config.segmentMs { return true }
        if offsetIndex.isFull || timeIndex.isFull { return true }
        return lastOffset - baseOffset > Int64(Int32.max)
    }
}
