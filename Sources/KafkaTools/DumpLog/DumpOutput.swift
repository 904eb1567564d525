import NIOCore

/// Collects stdout bytes and hands them on in chunks (one write per 64 KiB, not per line); stderr lines go out at
/// once, after flushing stdout so that the two streams keep their order on a terminal. Record lines are written
/// field by field into the buffer (no String per line): dumping is bound by formatting, not by reading.
final class DumpOutput {
    private var pending: [UInt8] = []
    private let chunkSize: Int
    private let writeOut: (UnsafeRawBufferPointer) -> Void
    private let writeError: (String) -> Void

    init(
        chunkSize: Int = 64 << 10, out: @escaping (UnsafeRawBufferPointer) -> Void,
        error: @escaping (String) -> Void
    ) {
        self.chunkSize = chunkSize
        writeOut = out
        writeError = error
        pending.reserveCapacity(chunkSize + 4096)
    }

    func line(_ text: String) {
        pending.append(contentsOf: text.utf8)
        endLine()
    }

    func errorLine(_ text: String) {
        flush()
        writeError(text + "\n")
    }

    func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { writeOut($0) }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: - Field by field

    /// Lets `body` append one line's bytes (the newline is added after): one access to the buffer per line,
    /// not one per field.
    func writeLine(_ body: (inout [UInt8]) -> Void) {
        body(&pending)
        endLine()
    }

    func endLine() {
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= chunkSize { flush() }
    }
}

extension [UInt8] {
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// Decimal digits without a String in between.
    mutating func appendDecimal(_ value: Int64) {
        // The magnitude of Int64.min does not fit in Int64; UInt64 holds it.
        var rest = value < 0 ? UInt64(bitPattern: 0 &- value) : UInt64(value)
        if value < 0 { append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        Swift.withUnsafeMutableBytes(of: &digits) { scratch in
            var start = 24
            repeat {
                start -= 1
                scratch[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// The bytes as Java's `new String(bytes, UTF_8)` would print them: ASCII and valid UTF-8 as they are,
    /// invalid sequences as U+FFFD.
    mutating func appendJavaText(_ bytes: ByteBuffer) {
        bytes.withUnsafeReadableBytes { raw in
            if raw.allSatisfy({ $0 < 0x80 }) {
                append(contentsOf: raw)
            } else {
                append(contentsOf: String(decoding: raw, as: UTF8.self).utf8)
            }
        }
    }
}
