import NIOCore

// Fixed-width big-endian fields. Every read throws on short input instead of returning nil.
extension ByteBuffer {
    @inlinable
    mutating func readKafkaInteger<T: FixedWidthInteger>(as type: T.Type, _ what: StaticString) throws -> T {
        guard let value = self.readInteger(endianness: .big, as: T.self) else {
            throw KafkaProtocolError.truncated(
                what: String(describing: what), needed: MemoryLayout<T>.size, available: self.readableBytes)
        }
        return value
    }

    @inlinable public mutating func readKafkaInt8() throws -> Int8 { try readKafkaInteger(as: Int8.self, "int8") }
    @inlinable public mutating func readKafkaInt16() throws -> Int16 { try readKafkaInteger(as: Int16.self, "int16") }
    @inlinable public mutating func readKafkaInt32() throws -> Int32 { try readKafkaInteger(as: Int32.self, "int32") }
    @inlinable public mutating func readKafkaInt64() throws -> Int64 { try readKafkaInteger(as: Int64.self, "int64") }
    @inlinable public mutating func readKafkaUInt16() throws -> UInt16 { try readKafkaInteger(as: UInt16.self, "uint16") }
    @inlinable public mutating func readKafkaUInt32() throws -> UInt32 { try readKafkaInteger(as: UInt32.self, "uint32") }

    /// Kafka's boolean is one byte; any non-zero value reads as true, as in Apache's readers.
    @inlinable public mutating func readKafkaBool() throws -> Bool { try readKafkaInt8() != 0 }

    @inlinable public mutating func writeKafkaBool(_ value: Bool) { self.writeInteger(value ? 1 : 0, as: UInt8.self) }

    @inlinable
    public mutating func readKafkaFloat64() throws -> Double {
        Double(bitPattern: try readKafkaInteger(as: UInt64.self, "float64"))
    }

    @inlinable public mutating func writeKafkaFloat64(_ value: Double) { self.writeInteger(value.bitPattern) }
}
