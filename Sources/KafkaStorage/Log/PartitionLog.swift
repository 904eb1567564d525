#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaProtocol
import Logging
import NIOCore

/// The log of one partition: its segments, offsets and leader epochs. An actor, so appends, reads and retention
/// of a partition never interleave; different partitions run in parallel.
public actor PartitionLog {
    public nonisolated let topicPartition: TopicPartition
    public nonisolated let topicID: KafkaUUID
    public nonisolated let directory: String
    let fileSystem: any StorageFileSystem
    let logger: Logger
    public private(set) var config: LogConfig
    /// Ordered by base offset; never empty while open.
    var segments: [LogSegment]
    public internal(set) var logStartOffset: Int64
    public internal(set) var logEndOffset: Int64
    /// Offsets below this are fsynced.
    public internal(set) var recoveryPoint: Int64
    var epochs: LeaderEpochCache
    var unflushedRecords: Int64 = 0
    var closed = false
    var waiters: [Int: AsyncStream<Int64>.Continuation] = [:]
    var nextWaiterID = 0

    init(
        topicPartition: TopicPartition, topicID: KafkaUUID, directory: String, fileSystem: any StorageFileSystem,
        config: LogConfig, logger: Logger, segments: [LogSegment], logStartOffset: Int64, recoveryPoint: Int64,
        epochs: LeaderEpochCache
    ) {
        self.topicPartition = topicPartition
        self.topicID = topicID
        self.directory = directory
        self.fileSystem = fileSystem
        self.config = config
        self.logger = logger
        self.segments = segments
        self.logStartOffset = logStartOffset
        self.logEndOffset = segments.last?.nextOffset ?? logStartOffset
        self.recoveryPoint = recoveryPoint
        self.epochs = epochs
    }

    /// With one replica every appended record is committed, so the high watermark is the log end.
    public var highWatermark: Int64 { logEndOffset }
    public var leaderEpochs: [EpochEntry] { epochs.entries }
    public var segmentCount: Int { segments.count }
    public var segmentBaseOffsets: [Int64] { segments.map(\.baseOffset) }
    /// Bytes in all segments.
    public var sizeInBytes: Int64 { segments.reduce(0) { $0 + $1.size } }

    var activeSegment: LogSegment {
        // Never empty while open: `open` and every deletion keep or create one.
        segments[segments.count - 1]
    }

    public func updateConfig(_ config: LogConfig) {
        self.config = config
    }

    /// A stream of high watermarks, one value after each append (for long-poll fetches); ends when the log closes.
    public func highWatermarkUpdates() -> AsyncStream<Int64> {
        let (stream, continuation) = AsyncStream.makeStream(of: Int64.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextWaiterID
        nextWaiterID += 1
        waiters[id] = continuation
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.removeWaiter(id) }
        }
        return stream
    }

    func removeWaiter(_ id: Int) {
        waiters[id] = nil
    }

    func notifyWaiters() {
        for continuation in waiters.values { continuation.yield(logEndOffset) }
    }

    func checkOpen() throws {
        if closed { throw StorageError.logClosed(topicPartition.description) }
    }

    /// The index of the segment holding `offset` (the last one with a base offset not above it).
    func segmentIndex(for offset: Int64) -> Int? {
        var low = 0
        var high = segments.count - 1
        var found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if segments[middle].baseOffset <= offset {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        return found
    }

    // MARK: Flush and close

    /// Fsyncs everything written and moves the recovery point to the log end.
    public func flush() throws {
        try checkOpen()
        let first = segmentIndex(for: recoveryPoint) ?? 0
        for segment in segments[first...] { try segment.sync() }
        recoveryPoint = logEndOffset
        unflushedRecords = 0
    }

    /// Flushes, seals the active segment (last time index entry, indexes trimmed, as Kafka's close does) and ends the
    /// high watermark streams. The log is unusable afterwards.
    public func close() throws {
        guard !closed else { return }
        try flush()
        try activeSegment.seal()
        closed = true
        for continuation in waiters.values { continuation.finish() }
        waiters.removeAll()
    }

    // MARK: Leader epochs

    public func endOffset(forLeaderEpoch epoch: Int32) -> (epoch: Int32, endOffset: Int64) {
        epochs.endOffset(forEpoch: epoch, logEndOffset: logEndOffset)
    }

    func writeLeaderEpochCheckpoint() throws {
        try fileSystem.writeFileAtomically(
            joinPath(directory, LogFileNames.leaderEpochCheckpoint),
            contents: LeaderEpochCheckpointFile.format(epochs.entries), directory: directory)
    }
}

/// Milliseconds since the epoch, as Kafka's timestamps count.
@inlinable
public func currentTimeMillis() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
}
