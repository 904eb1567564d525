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
        let raw = UInt32(truncatingIfNeeded: try readRawVarint(maxBytes: 5, what: "varint"))
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inlinable
    public mutating func readVarlong() throws -> Int64 {
        let raw = try readRawVarint(maxBytes: 10, what: "varlong")
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

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
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var index = self.readerIndex
        let end = self.writerIndex
        for _ in 0..<maxBytes {
            guard index < end, let byte = self.getInteger(at: index, as: UInt8.self) else {
                throw KafkaProtocolError.truncated(
                    what: String(describing: what), needed: index - self.readerIndex + 1,
                    available: self.readableBytes)
            }
            index += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 {
                self.moveReaderIndex(to: index)
                return result
            }
            shift += 7
        }
        throw KafkaProtocolError.invalidValue(
            what: String(describing: what), detail: "longer than \(maxBytes) bytes")
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
