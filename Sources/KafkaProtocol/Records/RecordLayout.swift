import NIOCore

/// Where the fields of one encoded record are, found in a single pass over raw bytes. Reading each field through
/// its own ByteBuffer call costs a dynamic exclusivity check per field; a record is one check this way, and then
/// its key, value and headers are sliced out at the offsets found here.
@usableFromInline
struct RecordLayout {
    /// Bytes of the record, length prefix included.
    @usableFromInline var size = 0
    @usableFromInline var attributes: Int8 = 0
    @usableFromInline var timestampDelta: Int64 = 0
    @usableFromInline var offsetDelta: Int32 = 0
    /// Offsets from the record's first byte; a length of -1 is null.
    @usableFromInline var key = (offset: 0, length: -1)
    @usableFromInline var value = (offset: 0, length: -1)
    @usableFromInline var headers = (offset: 0, length: 0, count: 0)

    /// Parses the record at the start of `bytes`. Every length is checked against the record's declared size,
    /// and the fields must fill that size exactly.
    @inlinable
    init(parsing bytes: UnsafeRawBufferPointer) throws {
        var reader = RawFieldReader(bytes: bytes)
        let length = Int(try reader.varint("record length"))
        guard length >= 0 else { throw RecordBatchError.corruptRecord("record length \(length)") }
        try reader.limit(to: length, "record")
        attributes = try reader.int8("record attributes")
        timestampDelta = try reader.varlong("record timestamp delta")
        offsetDelta = try reader.varint("record offset delta")
        key = try reader.nullableField("record key")
        value = try reader.nullableField("record value")
        let count = Int(try reader.varint("record header count"))
        guard count >= 0 else { throw RecordBatchError.corruptRecord("header count \(count)") }
        // Each header takes at least two bytes (two length varints), so a larger count cannot be backed.
        guard count <= reader.remaining / 2 else {
            throw KafkaProtocolError.truncated(what: "record headers", needed: count * 2, available: reader.remaining)
        }
        let headersStart = reader.offset
        for _ in 0..<count {
            let keyLength = Int(try reader.varint("header key length"))
            guard keyLength >= 0 else {
                throw RecordBatchError.corruptRecord("header key length \(keyLength): header keys cannot be null")
            }
            try reader.skip(keyLength, "header key")
            _ = try reader.nullableField("header value")
        }
        headers = (headersStart, reader.offset - headersStart, count)
        guard reader.remaining == 0 else {
            throw RecordBatchError.corruptRecord(
                "record declared \(length) bytes but its fields end \(reader.remaining) bytes earlier")
        }
        size = reader.offset
    }
}

/// A cursor over raw bytes with an end that can be narrowed to one record. Varints go through the primitives'
/// decoder (`ByteBuffer.decodeRawVarint`).
@usableFromInline
struct RawFieldReader {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var offset = 0
    @usableFromInline var end: Int

    @inlinable
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        end = bytes.count
    }

    @inlinable var remaining: Int { end - offset }

    /// Narrows the end to `length` bytes from here, which must be present.
    @inlinable
    mutating func limit(to length: Int, _ what: StaticString) throws {
        guard length <= remaining else {
            throw KafkaProtocolError.truncated(what: String(describing: what), needed: length, available: remaining)
        }
        end = offset + length
    }

    @inlinable
    mutating func int8(_ what: StaticString) throws -> Int8 {
        guard remaining >= 1 else {
            throw KafkaProtocolError.truncated(what: String(describing: what), needed: 1, available: 0)
        }
        defer { offset += 1 }
        return Int8(bitPattern: bytes[offset])
    }

    @inlinable
    mutating func varint(_ what: StaticString) throws -> Int32 {
        ByteBuffer.zigzagDecode(UInt32(truncatingIfNeeded: try raw(maxBytes: 5, what)))
    }

    @inlinable
    mutating func varlong(_ what: StaticString) throws -> Int64 {
        ByteBuffer.zigzagDecode(try raw(maxBytes: 10, what))
    }

    @inlinable
    mutating func raw(maxBytes: Int, _ what: StaticString) throws -> UInt64 {
        let window = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
        let (value, size) = ByteBuffer.decodeRawVarint(window, at: 0, maxBytes: maxBytes)
        guard size > 0 else {
            throw ByteBuffer.varintError(size: size, maxBytes: maxBytes, what: what, available: remaining)
        }
        offset += size
        return value
    }

    @inlinable
    mutating func skip(_ length: Int, _ what: StaticString) throws {
        guard length <= remaining else {
            throw KafkaProtocolError.truncated(what: String(describing: what), needed: length, available: remaining)
        }
        offset += length
    }

    /// A varint-length field where -1 means null: its offset and length.
    @inlinable
    mutating func nullableField(_ what: StaticString) throws -> (offset: Int, length: Int) {
        let length = Int(try varint(what))
        guard length >= -1 else { throw RecordBatchError.corruptRecord("\(what) length \(length)") }
        let start = offset
        if length > 0 { try skip(length, what) }
        return (start, length)
    }
}
