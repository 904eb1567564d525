import NIOCore

/// Writes the fields of one record into memory already reserved for it (its size is computed first), so that a
/// record costs one ByteBuffer call instead of a bounds and uniqueness check per field and per varint byte.
struct RawFieldWriter {
    private let base: UnsafeMutableRawPointer
    private(set) var offset = 0

    init(_ base: UnsafeMutableRawPointer) {
        self.base = base
    }

    mutating func byte(_ value: UInt8) {
        base.storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
        offset += 1
    }

    mutating func unsignedVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            byte(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        byte(UInt8(rest))
    }

    /// Zigzag, as `ByteBuffer.writeVarint`.
    mutating func varint(_ value: Int32) {
        unsignedVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    mutating func varlong(_ value: Int64) {
        unsignedVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func bytes(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { source in
            if let start = source.baseAddress {
                (base + offset).copyMemory(from: start, byteCount: source.count)
            }
            offset += source.count
        }
    }

    /// A varint length (-1 for nil) and the bytes, as `ByteBuffer.writeNullableRecordField`.
    mutating func nullableField(_ field: ByteBuffer?) {
        guard let field else {
            varint(-1)
            return
        }
        varint(Int32(truncatingIfNeeded: field.readableBytes))
        bytes(field)
    }
}
