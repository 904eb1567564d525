import NIOCore

/// One record header: a string key (never null) and a nullable byte value. Decoded headers are slices of the
/// batch.
public struct RecordHeader: Hashable, Sendable {
    /// The key's UTF-8 bytes.
    public var key: ByteBuffer
    public var value: ByteBuffer?

    @inlinable
    public init(key: ByteBuffer, value: ByteBuffer?) {
        self.key = key
        self.value = value
    }

    @inlinable
    public init(key: String, value: ByteBuffer?) {
        self.init(key: ByteBuffer(string: key), value: value)
    }

    @inlinable
    public init(key: String, value: String?) {
        self.init(key: ByteBuffer(string: key), value: value.map { ByteBuffer(string: $0) })
    }

    /// The key as text; invalid UTF-8 is repaired with U+FFFD, as Java's decoder does.
    @inlinable
    public var keyString: String { String(buffer: key) }
}

/// The headers of one record, kept as their encoded bytes (without the count) so that decoding a record makes no
/// array: they are validated once when the record is read and parsed again only when iterated.
public struct RecordHeaders: Hashable, Sendable, Sequence {
    public let count: Int
    /// The encoded headers, each `key length varint, key, value length varint (-1 = null), value`.
    public let encodedBytes: ByteBuffer

    public static let empty = RecordHeaders(validatedBytes: ByteBuffer(), count: 0)

    @inlinable
    init(validatedBytes: ByteBuffer, count: Int) {
        self.encodedBytes = validatedBytes
        self.count = count
    }

    /// Encodes `headers` (for building records).
    public init(_ headers: [RecordHeader]) {
        var bytes = ByteBuffer()
        for header in headers { bytes.writeRecordHeader(header) }
        self.init(validatedBytes: bytes, count: headers.count)
    }

    @inlinable public var isEmpty: Bool { count == 0 }
    @inlinable public var underestimatedCount: Int { count }

    /// Bytes these headers take in a record: the count varint and the headers.
    @inlinable
    var encodedSize: Int { ByteBuffer.varintSize(Int32(truncatingIfNeeded: count)) + encodedBytes.readableBytes }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(bytes: encodedBytes, remaining: count) }

    public struct Iterator: IteratorProtocol {
        @usableFromInline var bytes: ByteBuffer
        @usableFromInline var remaining: Int

        @inlinable
        init(bytes: ByteBuffer, remaining: Int) {
            self.bytes = bytes
            self.remaining = remaining
        }

        /// The bytes were validated when the record was read (or encoded here), so a parse failure cannot
        /// happen; if it did, iteration would just end.
        @inlinable
        public mutating func next() -> RecordHeader? {
            guard remaining > 0, let header = try? bytes.readRecordHeader() else { return nil }
            remaining -= 1
            return header
        }
    }

    /// Values of the headers whose key is `key`, in order.
    public func values(forKey key: String) -> [ByteBuffer?] {
        let wanted = ByteBuffer(string: key)
        return self.filter { $0.key == wanted }.map(\.value)
    }
}

extension ByteBuffer {
    @inlinable
    mutating func readRecordHeader() throws -> RecordHeader {
        let keyLength = Int(try readVarint())
        guard keyLength >= 0 else {
            throw RecordBatchError.corruptRecord("header key length \(keyLength): header keys cannot be null")
        }
        let key = try readRecordField(length: keyLength, what: "header key")
        let valueLength = Int(try readVarint())
        let value = try readNullableRecordField(length: valueLength, what: "header value")
        return RecordHeader(key: key, value: value)
    }

    @inlinable
    mutating func writeRecordHeader(_ header: RecordHeader) {
        writeVarint(Int32(truncatingIfNeeded: header.key.readableBytes))
        writeImmutableBuffer(header.key)
        writeNullableRecordField(header.value)
    }

    /// A slice of `length` bytes; the length was read from the input, so it is checked against what is there.
    @inlinable
    mutating func readRecordField(length: Int, what: StaticString) throws -> ByteBuffer {
        guard let slice = readSlice(length: length) else {
            throw KafkaProtocolError.truncated(what: String(describing: what), needed: length, available: readableBytes)
        }
        return slice
    }

    /// A varint-length field where -1 means null (record keys, values and header values).
    @inlinable
    mutating func readNullableRecordField(length: Int, what: StaticString) throws -> ByteBuffer? {
        if length == -1 { return nil }
        guard length >= 0 else {
            throw RecordBatchError.corruptRecord("\(what) length \(length)")
        }
        return try readRecordField(length: length, what: what)
    }

    @inlinable
    mutating func writeNullableRecordField(_ field: ByteBuffer?) {
        guard let field else {
            writeVarint(-1)
            return
        }
        writeVarint(Int32(truncatingIfNeeded: field.readableBytes))
        writeImmutableBuffer(field)
    }

    @inlinable
    static func nullableRecordFieldSize(_ field: ByteBuffer?) -> Int {
        guard let field else { return 1 }
        return varintSize(Int32(truncatingIfNeeded: field.readableBytes)) + field.readableBytes
    }
}
