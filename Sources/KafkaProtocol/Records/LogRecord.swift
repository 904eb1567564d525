import NIOCore

/// A record with its absolute offset and timestamp, whichever format it came from: what a consumer delivers and
/// dump-log prints. Legacy messages have no headers.
public struct LogRecord: Hashable, Sendable {
    public var offset: Int64
    /// -1 when the format has no timestamp (magic 0).
    public var timestamp: Int64
    public var timestampType: TimestampType
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: RecordHeaders

    public init(
        offset: Int64, timestamp: Int64, timestampType: TimestampType, key: ByteBuffer?, value: ByteBuffer?,
        headers: RecordHeaders = .empty
    ) {
        self.offset = offset
        self.timestamp = timestamp
        self.timestampType = timestampType
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// A v2 record placed in its batch.
    public init(_ record: Record, in header: RecordBatchHeader) {
        self.init(
            offset: record.offset(in: header), timestamp: record.timestamp(in: header),
            timestampType: header.timestampType, key: record.key, value: record.value, headers: record.headers)
    }
}
