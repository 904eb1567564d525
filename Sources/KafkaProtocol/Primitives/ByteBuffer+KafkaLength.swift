import NIOCore

// Length and count prefixes: compact ones are an unsigned varint holding N+1 (0 = null), classic ones a signed
// int16 (strings) or int32 (bytes, arrays) holding N (-1 = null). A claimed length is checked against the bytes
// that are really there before anything is allocated for it.
extension ByteBuffer {
    /// Reads a length prefix; nil means null. Throws when the length exceeds the readable bytes.
    @inlinable
    public mutating func readKafkaLength(compact: Bool, classicWidth: ClassicLengthWidth, what: StaticString) throws
        -> Int?
    {
        let length: Int
        if compact {
            let raw = try readUnsignedVarint()
            if raw == 0 { return nil }
            length = Int(raw) - 1
        } else {
            switch classicWidth {
            case .int16: length = Int(try readKafkaInt16())
            case .int32: length = Int(try readKafkaInt32())
            }
            if length == -1 { return nil }
            if length < 0 {
                throw KafkaProtocolError.invalidValue(what: String(describing: what), detail: "negative length \(length)")
            }
        }
        // Every element of a Kafka array takes at least one byte, so a count can be checked the same way.
        guard length <= self.readableBytes else {
            throw KafkaProtocolError.truncated(
                what: String(describing: what), needed: length, available: self.readableBytes)
        }
        return length
    }

    @inlinable
    public mutating func writeKafkaLength(_ length: Int?, compact: Bool, classicWidth: ClassicLengthWidth) {
        if compact {
            writeUnsignedVarint(length.map { UInt32($0 + 1) } ?? 0)
        } else {
            switch classicWidth {
            case .int16: writeInteger(Int16(length ?? -1))
            case .int32: writeInteger(Int32(length ?? -1))
            }
        }
    }

    // MARK: Strings

    @inlinable
    public mutating func readKafkaNullableString(compact: Bool) throws -> String? {
        guard let length = try readKafkaLength(compact: compact, classicWidth: .int16, what: "string") else {
            return nil
        }
        guard let string = readString(length: length) else {
            throw KafkaProtocolError.truncated(what: "string", needed: length, available: readableBytes)
        }
        return string
    }

    @inlinable
    public mutating func readKafkaString(compact: Bool) throws -> String {
        guard let string = try readKafkaNullableString(compact: compact) else {
            throw KafkaProtocolError.invalidValue(what: "string", detail: "null where a string is required")
        }
        return string
    }

    @inlinable
    public mutating func writeKafkaNullableString(_ value: String?, compact: Bool) {
        guard let value else {
            writeKafkaLength(nil, compact: compact, classicWidth: .int16)
            return
        }
        writeKafkaLength(value.utf8.count, compact: compact, classicWidth: .int16)
        writeString(value)
    }

    @inlinable
    public mutating func writeKafkaString(_ value: String, compact: Bool) {
        writeKafkaNullableString(value, compact: compact)
    }

    // MARK: Bytes (slices of the input: no copy)

    @inlinable
    public mutating func readKafkaNullableBytes(compact: Bool) throws -> ByteBuffer? {
        guard let length = try readKafkaLength(compact: compact, classicWidth: .int32, what: "bytes") else {
            return nil
        }
        guard let slice = readSlice(length: length) else {
            throw KafkaProtocolError.truncated(what: "bytes", needed: length, available: readableBytes)
        }
        return slice
    }

    @inlinable
    public mutating func readKafkaBytes(compact: Bool) throws -> ByteBuffer {
        guard let bytes = try readKafkaNullableBytes(compact: compact) else {
            throw KafkaProtocolError.invalidValue(what: "bytes", detail: "null where bytes are required")
        }
        return bytes
    }

    @inlinable
    public mutating func writeKafkaNullableBytes(_ value: ByteBuffer?, compact: Bool) {
        guard let value else {
            writeKafkaLength(nil, compact: compact, classicWidth: .int32)
            return
        }
        writeKafkaLength(value.readableBytes, compact: compact, classicWidth: .int32)
        writeImmutableBuffer(value)
    }

    @inlinable
    public mutating func writeKafkaBytes(_ value: ByteBuffer, compact: Bool) {
        writeKafkaNullableBytes(value, compact: compact)
    }

    // MARK: Arrays

    /// Reads an array count; nil means a null array.
    @inlinable
    public mutating func readKafkaArrayCount(compact: Bool) throws -> Int? {
        try readKafkaLength(compact: compact, classicWidth: .int32, what: "array")
    }

    @inlinable
    public mutating func writeKafkaArrayCount(_ count: Int?, compact: Bool) {
        writeKafkaLength(count, compact: compact, classicWidth: .int32)
    }
}

/// The width of a classic (non-compact) length prefix.
public enum ClassicLengthWidth: Sendable {
    case int16
    case int32
}

// Arrays of any element, with the element coder passed in by the generated code.
extension ByteBuffer {
    @inlinable
    public mutating func readKafkaNullableArray<Element>(
        compact: Bool, _ readElement: (inout ByteBuffer) throws -> Element
    ) throws -> [Element]? {
        guard let count = try readKafkaArrayCount(compact: compact) else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try readElement(&self)) }
        return elements
    }

    @inlinable
    public mutating func readKafkaArray<Element>(
        compact: Bool, _ readElement: (inout ByteBuffer) throws -> Element
    ) throws -> [Element] {
        guard let elements = try readKafkaNullableArray(compact: compact, readElement) else {
            throw KafkaProtocolError.invalidValue(what: "array", detail: "null where an array is required")
        }
        return elements
    }

    @inlinable
    public mutating func writeKafkaNullableArray<Element>(
        _ elements: [Element]?, compact: Bool, _ writeElement: (inout ByteBuffer, Element) throws -> Void
    ) rethrows {
        writeKafkaArrayCount(elements?.count, compact: compact)
        for element in elements ?? [] { try writeElement(&self, element) }
    }

    @inlinable
    public mutating func writeKafkaArray<Element>(
        _ elements: [Element], compact: Bool, _ writeElement: (inout ByteBuffer, Element) throws -> Void
    ) rethrows {
        try writeKafkaNullableArray(elements, compact: compact, writeElement)
    }
}
