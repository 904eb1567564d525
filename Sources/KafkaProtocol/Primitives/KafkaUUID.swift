import NIOCore

/// Kafka's 128-bit UUID (topic ids, directory ids). Printed the way Kafka prints it: URL-safe base64, no padding.
public struct KafkaUUID: Hashable, Sendable, Comparable {
    public var mostSignificantBits: UInt64
    public var leastSignificantBits: UInt64

    public static let zero = KafkaUUID(mostSignificantBits: 0, leastSignificantBits: 0)

    public init(mostSignificantBits: UInt64, leastSignificantBits: UInt64) {
        self.mostSignificantBits = mostSignificantBits
        self.leastSignificantBits = leastSignificantBits
    }

    /// A random version-4 UUID, as Kafka creates for topic ids.
    public static func random() -> KafkaUUID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> KafkaUUID {
        let high = (generator.next() & ~UInt64(0xF000)) | 0x4000
        let low = (generator.next() & ~(UInt64(0xC) << 60)) | (UInt64(0x8) << 60)
        return KafkaUUID(mostSignificantBits: high, leastSignificantBits: low)
    }

    public static func < (lhs: KafkaUUID, rhs: KafkaUUID) -> Bool {
        (lhs.mostSignificantBits, lhs.leastSignificantBits) < (rhs.mostSignificantBits, rhs.leastSignificantBits)
    }

    /// The 16 bytes, most significant first.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: mostSignificantBits >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: leastSignificantBits >> (56 - 8 * $0)) }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// URL-safe base64 without padding (22 characters), as `kafka-topics --describe` prints a TopicId.
    public var base64: String {
        let input = bytes
        var output: [UInt8] = []
        output.reserveCapacity(22)
        var index = 0
        while index < input.count {
            let chunk = input[index..<min(index + 3, input.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * UInt32(offset)) }
            let characters = chunk.count + 1
            for position in 0..<characters {
                output.append(Self.alphabet[Int((value >> (18 - 6 * UInt32(position))) & 0x3f)])
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Parses the 22-character URL-safe base64 form; nil if it is not one.
    public init?(base64: String) {
        let characters = Array(base64.utf8)
        guard characters.count == 22 else { return nil }
        var bits: [UInt8] = []
        bits.reserveCapacity(17)
        var accumulator: UInt32 = 0
        var count = 0
        for character in characters {
            guard let value = Self.alphabet.firstIndex(of: character) else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                bits.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(count)))
            }
        }
        guard bits.count == 16 else { return nil }
        let high = bits[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bits[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        self.init(mostSignificantBits: high, leastSignificantBits: low)
    }
}

extension KafkaUUID: CustomStringConvertible {
    public var description: String { base64 }
}

extension ByteBuffer {
    @inlinable
    public mutating func readKafkaUUID() throws -> KafkaUUID {
        let high = try readKafkaInteger(as: UInt64.self, "uuid")
        let low = try readKafkaInteger(as: UInt64.self, "uuid")
        return KafkaUUID(mostSignificantBits: high, leastSignificantBits: low)
    }

    @inlinable
    public mutating func writeKafkaUUID(_ value: KafkaUUID) {
        writeInteger(value.mostSignificantBits)
        writeInteger(value.leastSignificantBits)
    }
}
