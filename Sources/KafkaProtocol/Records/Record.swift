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
        let layout = try buffer.withUnsafeReadableBytes { try RecordLayout(parsing: $0) }
        attributes = layout.attributes
        timestampDelta = layout.timestampDelta
        offsetDelta = layout.offsetDelta
        key = try buffer.recordSlice(layout.key)
        value = try buffer.recordSlice(layout.value)
        if layout.headers.count == 0 {
            headers = .empty
        } else {
            let bytes = try buffer.recordSlice((layout.headers.offset, layout.headers.length)) ?? ByteBuffer()
            headers = RecordHeaders(validatedBytes: bytes, count: layout.headers.count)
        }
        buffer.moveReaderIndex(forwardBy: layout.size)
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
    /// The field at `field.offset` from the reader index, nil for length -1. RecordLayout has checked that the bytes
    /// are there, so the throw is unreachable unless the layout is wrong.
    @inlinable
    func recordSlice(_ field: (offset: Int, length: Int)) throws -> ByteBuffer? {
        guard field.length >= 0 else { return nil }
        guard let slice = getSlice(at: readerIndex + field.offset, length: field.length) else {
            throw KafkaProtocolError.truncated(what: "record field", needed: field.length, available: readableBytes)
        }
        return slice
    }
}
