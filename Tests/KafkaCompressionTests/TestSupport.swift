import KafkaProtocol
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic pseudo-random bytes (SplitMix64), so a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Samples {
    static let mebibyte = 1024 * 1024

    static func random(_ count: Int, seed: UInt64 = 42) -> ByteBuffer {
        var generator = SplitMix64(state: seed)
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        while buffer.readableBytes + 8 <= count { buffer.writeInteger(generator.next()) }
        while buffer.readableBytes < count { buffer.writeInteger(UInt8(truncatingIfNeeded: generator.next())) }
        return buffer
    }

    /// Log-like text: compresses well but is not a single repeated byte.
    static func repetitive(_ count: Int) -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count + 64)
        var line = 0
        while buffer.readableBytes < count {
            buffer.writeString("{\"id\":\(line),\"user\":\"user-\(line % 97)\",\"event\":\"click\"}\n")
            line += 1
        }
        return buffer.getSlice(at: 0, length: count) ?? buffer
    }

    static func zeros(_ count: Int) -> ByteBuffer {
        ByteBuffer(repeating: 0, count: count)
    }

    /// The round-trip inputs every codec must handle.
    static let roundTripInputs: [(name: String, bytes: ByteBuffer)] = [
        ("empty", ByteBuffer()),
        ("one byte", ByteBuffer(bytes: [0x2A])),
        ("1 MiB random", random(mebibyte)),
        ("1 MiB repetitive", repetitive(mebibyte)),
    ]
}

extension ByteBuffer {
    init(hex: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in hex where !character.isWhitespace {
            guard let nibble = character.hexDigitValue.map(UInt8.init) else { continue }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self.init(bytes: bytes)
    }

    /// `count` copies of this buffer's readable bytes, back to back.
    func repeated(_ count: Int) -> ByteBuffer {
        var result = ByteBufferAllocator().buffer(capacity: readableBytes * count)
        for _ in 0..<count { result.writeImmutableBuffer(self) }
        return result
    }
}

/// Peak resident memory of this process so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
    getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss)  // bytes on Darwin
    #else
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024  // KiB on Linux
    #endif
}
