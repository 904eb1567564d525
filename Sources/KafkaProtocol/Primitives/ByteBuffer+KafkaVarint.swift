import NIOCore

// Kafka's variable-length integers: unsigned LEB128 (lengths, counts, tags) and zigzag-encoded signed values
// (record fields). A varint longer than its type allows is invalid input, never a silent wrap.
extension ByteBuffer {
    @inlinable
    public mutating func readUnsignedVarint() throws -> UInt32 {
        UInt32(truncatingIfNeeded: try readRawVarint(maxBytes: 5, what: "unsigned varint"))
    }

    @inlinable
    public mutating func readVarint() throws -> Int32 {
        Self.zigzagDecode(UInt32(truncatingIfNeeded: try readRawVarint(maxBytes: 5, what: "varint")))
    }

    @inlinable
    public mutating func readVarlong() throws -> Int64 {
        Self.zigzagDecode(try readRawVarint(maxBytes: 10, what: "varlong"))
    }

    @inlinable
    static func zigzagDecode(_ raw: UInt32) -> Int32 { Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))) }

    @inlinable
    static func zigzagDecode(_ raw: UInt64) -> Int64 { Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))) }

    @inlinable
    public mutating func writeUnsignedVarint(_ value: UInt32) { writeRawVarint(UInt64(value)) }

    @inlinable
    public mutating func writeVarint(_ value: Int32) {
        writeRawVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    @inlinable
    public mutating func writeVarlong(_ value: Int64) {
        writeRawVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// The number of bytes `writeUnsignedVarint(value)` writes.
    @inlinable
    public static func unsignedVarintSize(_ value: UInt32) -> Int {
        var size = 1
        var rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// The number of bytes `writeVarint(value)` writes.
    @inlinable
    public static func varintSize(_ value: Int32) -> Int {
        unsignedVarintSize(UInt32(bitPattern: (value << 1) ^ (value >> 31)))
    }

    /// The number of bytes `writeVarlong(value)` writes.
    @inlinable
    public static func varlongSize(_ value: Int64) -> Int {
        var raw = UInt64(bitPattern: (value << 1) ^ (value >> 63)) >> 7
        var size = 1
        while raw != 0 {
            size += 1
            raw >>= 7
        }
        return size
    }

    @inlinable
    mutating func readRawVarint(maxBytes: Int, what: StaticString) throws -> UInt64 {
        // One pass over the raw bytes: reading byte by byte through getInteger costs a dynamic exclusivity check
        // per byte, which dominated record decoding.
        let (value, size) = self.withUnsafeReadableBytes { Self.decodeRawVarint($0, at: 0, maxBytes: maxBytes) }
        guard size > 0 else {
            throw Self.varintError(size: size, maxBytes: maxBytes, what: what, available: self.readableBytes)
        }
        self.moveReaderIndex(forwardBy: size)
        return value
    }

    /// The one LEB128 decoder, shared by the ByteBuffer readers above and by hot loops that walk raw bytes (record
    /// decoding). Returns the value and its size in bytes; size -1 when the varint runs past `maxBytes`, 0 when
    /// `bytes` ends first.
    @inlinable
    static func decodeRawVarint(_ bytes: UnsafeRawBufferPointer, at offset: Int, maxBytes: Int) -> (UInt64, Int) {
        let available = bytes.count - offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        for index in 0..<Swift.max(0, Swift.min(maxBytes, available)) {
            let byte = bytes[offset + index]
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return (result, index + 1) }
            shift += 7
        }
        return (0, available >= maxBytes ? -1 : 0)
    }

    /// The error for a `decodeRawVarint` size of 0 (input ended) or -1 (too long).
    @inlinable
    static func varintError(size: Int, maxBytes: Int, what: StaticString, available: Int) -> KafkaProtocolError {
        if size < 0 {
            return .invalidValue(what: String(describing: what), detail: "longer than \(maxBytes) bytes")
        }
        return .truncated(what: String(describing: what), needed: available + 1, available: available)
    }

    @inlinable
    mutating func writeRawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            self.writeInteger(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        self.writeInteger(UInt8(rest))
    }
}
