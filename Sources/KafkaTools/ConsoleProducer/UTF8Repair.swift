import NIOCore

/// Java reads the console producer's input as UTF-8 text and encodes each line back to bytes, so input that is not
/// valid UTF-8 reaches Kafka with U+FFFD in place of each malformed sequence. Valid input passes through untouched,
/// which lets the fast path send slices of the input buffer.
enum UTF8Repair {
    /// True when no byte has its high bit set: such bytes are valid UTF-8 whatever they hold. Checks 8 bytes a step.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] & 0x80 != 0 { return false }
            index += 1
        }
        return true
    }

    /// `line` itself when it is valid UTF-8; otherwise its bytes decoded with replacement and encoded again.
    /// Swift replaces maximal invalid subparts as Unicode recommends; Java's decoder can differ on rare sequences.
    static func repaired(_ line: ByteBuffer) -> ByteBuffer {
        let valid = line.withUnsafeReadableBytes { bytes in
            isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
        }
        if valid { return line }
        return ByteBuffer(string: String(decoding: line.readableBytesView, as: UTF8.self))
    }
}
