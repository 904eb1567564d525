import NIOCore

/// What an append did.
public struct AppendResult: Hashable, Sendable {
    /// Offset of the first record appended.
    public var baseOffset: Int64
    /// Offset of the last record appended.
    public var lastOffset: Int64
    /// The time stamped into the batches when the log uses LogAppendTime; -1 otherwise.
    public var logAppendTime: Int64
    public var logStartOffset: Int64
    public var batchCount: Int
    /// The sum of the batches' record counts (from their headers).
    public var recordCount: Int64
}

/// What a read returned: file bytes holding whole batches, and the partition's offsets at the time.
public struct ReadResult: Sendable {
    /// Whole batches read from the segment, starting with the one that holds the requested offset; empty at the
    /// log end.
    public var records: ByteBuffer
    public var highWatermark: Int64
    public var logStartOffset: Int64
    public var logEndOffset: Int64
}

/// The same read as a file region, for `sendfile`.
public struct ReadSliceResult: Sendable {
    /// nil at the log end.
    public var slice: FileSlice?
    public var highWatermark: Int64
    public var logStartOffset: Int64
    public var logEndOffset: Int64
}

/// What one recovery found, for the broker's log line.
public struct RecoveryReport: Hashable, Sendable {
    public var recoveredSegments: Int
    public var truncatedBytes: Int64
    public var deletedSegments: Int
    public var rebuiltIndexes: Int
    /// One line per truncation: which file, where, why.
    public var messages: [String]
}
