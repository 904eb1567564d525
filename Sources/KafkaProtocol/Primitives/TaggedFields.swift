import NIOCore

/// Tagged fields kept as raw bytes so that a message round-trips unchanged: those the spec does not know, and
/// known ones that the sender wrote out although they held their default value (which we would otherwise omit).
public typealias UnknownTaggedFields = [UInt32: ByteBuffer]

extension ByteBuffer {
    /// Reads the count that opens a tagged-field section.
    @inlinable
    public mutating func readTaggedFieldCount() throws -> Int {
        let count = Int(try readUnsignedVarint())
        // Each tagged field takes at least two bytes (tag and size).
        guard count * 2 <= readableBytes else {
            throw KafkaProtocolError.truncated(what: "tagged fields", needed: count * 2, available: readableBytes)
        }
        return count
    }

    /// Reads one tagged field's tag and its bytes.
    @inlinable
    public mutating func readTaggedField() throws -> (tag: UInt32, data: ByteBuffer) {
        let tag = try readUnsignedVarint()
        let size = Int(try readUnsignedVarint())
        guard let data = readSlice(length: size) else {
            throw KafkaProtocolError.truncated(what: "tagged field \(tag)", needed: size, available: readableBytes)
        }
        return (tag, data)
    }
}

/// Collects the tagged fields of one struct, then writes them in ascending tag order as the protocol requires.
public struct TaggedFieldWriter {
    @usableFromInline var fields: [(tag: UInt32, data: ByteBuffer)] = []

    @inlinable public init() {}

    /// Adds a known field, encoded by `encode` into its own buffer (its size prefix needs the length first).
    @inlinable
    public mutating func append(tag: UInt32, _ encode: (inout ByteBuffer) throws -> Void) rethrows {
        var data = ByteBuffer()
        try encode(&data)
        fields.append((tag, data))
    }

    /// Adds raw fields, skipping any tag a known field already supplied (a known field's current value wins).
    @inlinable
    public mutating func append(unknown: UnknownTaggedFields) {
        for (tag, data) in unknown where !fields.contains(where: { $0.tag == tag }) { fields.append((tag, data)) }
    }

    @inlinable
    public func write(into buffer: inout ByteBuffer) {
        buffer.writeUnsignedVarint(UInt32(fields.count))
        for field in fields.sorted(by: { $0.tag < $1.tag }) {
            buffer.writeUnsignedVarint(field.tag)
            buffer.writeUnsignedVarint(UInt32(field.data.readableBytes))
            buffer.writeImmutableBuffer(field.data)
        }
    }
}
