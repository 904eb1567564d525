import NIOCore

/// One record of a v2 batch, as on the wire: offsets and timestamps are deltas from the batch header. Decoded
/// keys, values and headers are slices of the batch bytes.
public struct Record: Hashable, Sendable {
    /// Unused by Kafka (always 0 from real clients); kept so a record re-encodes to the same bytes.
    public var attributes: Int8
    public var timestampDelta: Int64
    public var offsetDelta: Int32
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: RecordHeaders

    @inlinable
    public init(
        timestampDelta: Int64 = 0, offsetDelta: Int32, key: ByteBuffer?, value: ByteBuffer?,
        headers: RecordHeaders = .empty, attributes: Int8 = 0
    ) {
        self.attributes = attributes
        self.timestampDelta = timestampDelta
        self.offsetDelta = offsetDelta
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// Smallest encoding: length, attributes, timestamp delta, offset delta, key length, value length and header
    /// count, one byte each. Bounds how many records a number of bytes can hold.
    public static let minimumSize = 7

    /// The offset and timestamp this record has in a batch with `header`: LogAppendTime batches give every record
    /// the batch's max timestamp, as Kafka's readers do.
    @inlinable
    public func offset(in header: RecordBatchHeader) -> Int64 { header.baseOffset &+ Int64(offsetDelta) }

    @inlinable
    public func timestamp(in header: RecordBatchHeader) -> Int64 {
        header.timestampType == .logAppendTime ? header.maxTimestamp : header.baseTimestamp &+ timestampDelta
    }
}

extension Record {
    /// Reads one record (length prefix included). Every length is checked against the bytes present before a
    /// slice is taken, and the fields must fill the declared length exactly.
    @inlinable
    public init(from buffer: inout ByteBuffer) throws {
        let length = Int(try buffer.readVarint())
        guard length >= 0 else { throw RecordBatchError.corruptRecord("record length \(length)") }
        var body = try buffer.readRecordField(length: length, what: "record")
        attributes = try body.readKafkaInt8()
        timestampDelta = try body.readVarlong()
        offsetDelta = try body.readVarint()
        key = try body.readNullableRecordField(length: Int(try body.readVarint()), what: "record key")
        value = try body.readNullableRecordField(length: Int(try body.readVarint()), what: "record value")
        headers = try body.readRecordHeaders()
        guard body.readableBytes == 0 else {
            throw RecordBatchError.corruptRecord(
                "record declared \(length) bytes but its fields end \(body.readableBytes) bytes earlier")
        }
    }

    /// Bytes of the encoding after the length prefix.
    @inlinable
    var bodySize: Int {
        1 + ByteBuffer.varlongSize(timestampDelta) + ByteBuffer.varintSize(offsetDelta)
            + ByteBuffer.nullableRecordFieldSize(key) + ByteBuffer.nullableRecordFieldSize(value) + headers.encodedSize
    }

    /// Bytes `write(into:)` writes.
    @inlinable
    public var encodedSize: Int {
        let body = bodySize
        return ByteBuffer.varintSize(Int32(truncatingIfNeeded: body)) + body
    }

    @inlinable
    public func write(into buffer: inout ByteBuffer) {
        buffer.writeVarint(Int32(truncatingIfNeeded: bodySize))
        buffer.writeInteger(attributes)
        buffer.writeVarlong(timestampDelta)
        buffer.writeVarint(offsetDelta)
        buffer.writeNullableRecordField(key)
        buffer.writeNullableRecordField(value)
        buffer.writeVarint(Int32(truncatingIfNeeded: headers.count))
        buffer.writeImmutableBuffer(headers.encodedBytes)
    }
}

extension ByteBuffer {
    /// Reads a header count and walks the headers once to validate them, returning them as one slice.
    @inlinable
    mutating func readRecordHeaders() throws -> RecordHeaders {
        let count = Int(try readVarint())
        guard count >= 0 else { throw RecordBatchError.corruptRecord("header count \(count)") }
        if count == 0 { return .empty }
        // Each header takes at least two bytes (two length varints), so a larger count cannot be backed.
        guard count <= readableBytes / 2 else {
            throw KafkaProtocolError.truncated(what: "record headers", needed: count * 2, available: readableBytes)
        }
        var walker = self
        for _ in 0..<count { try walker.skipRecordHeader() }
        let bytes = try readRecordField(length: walker.readerIndex - readerIndex, what: "record headers")
        return RecordHeaders(validatedBytes: bytes, count: count)
    }

    /// Validates one header like `readRecordHeader` without making slices of it.
    @inlinable
    mutating func skipRecordHeader() throws {
        let keyLength = Int(try readVarint())
        guard keyLength >= 0 else {
            throw RecordBatchError.corruptRecord("header key length \(keyLength): header keys cannot be null")
        }
        try skipRecordField(length: keyLength, what: "header key")
        let valueLength = Int(try readVarint())
        guard valueLength >= -1 else { throw RecordBatchError.corruptRecord("header value length \(valueLength)") }
        if valueLength > 0 { try skipRecordField(length: valueLength, what: "header value") }
    }

    @inlinable
    mutating func skipRecordField(length: Int, what: StaticString) throws {
        guard length <= readableBytes else {
            throw KafkaProtocolError.truncated(what: String(describing: what), needed: length, available: readableBytes)
        }
        moveReaderIndex(forwardBy: length)
    }
}
