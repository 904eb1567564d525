#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The console consumer's stdout: records are formatted straight into one reusable byte buffer that goes out in
/// large write(2) calls, so a million records cost a few hundred system calls and no per-record allocation.
///
/// A failed write (EPIPE when the reader went away; SIGPIPE is ignored) marks the buffer `failed`, as Java's
/// `PrintStream.checkError()` would report it; nothing more is written after that.
final class OutputBuffer {
    /// Where full chunks go; returns false when the destination can take no more.
    typealias Sink = (UnsafeRawBufferPointer) -> Bool

    /// Flush once this much is pending (well below the capacity, so one record rarely forces a regrow).
    let flushThreshold: Int
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0
    private(set) var failed = false
    private let sink: Sink

    init(capacity: Int = 1 << 20, sink: @escaping Sink = OutputBuffer.writeToStandardOutput) {
        self.capacity = max(capacity, 64)
        flushThreshold = self.capacity / 2
        storage = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
        self.sink = sink
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (storage + count).copyMemory(from: base, byteCount: bytes.count)
        count += bytes.count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        storage.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Java's `Long.toString`: the decimal digits, with a minus sign when negative.
    func append(decimal value: Int64) {
        reserve(20)
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var position = scratch.count
            repeat {
                position -= 1
                scratch[position] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "-")
            }
            let length = scratch.count - position
            if let base = scratch.baseAddress { (storage + count).copyMemory(from: base + position, byteCount: length) }
            return length
        }
        count += written
    }

    /// Writes out everything pending. Returns false (and stays failed) once the sink refuses.
    @discardableResult
    func flush() -> Bool {
        guard !failed else {
            count = 0
            return false
        }
        guard count > 0 else { return true }
        let accepted = sink(UnsafeRawBufferPointer(start: storage, count: count))
        count = 0
        if !accepted { failed = true }
        return accepted
    }

    /// Flushes when enough has piled up for a worthwhile write.
    @inline(__always)
    func flushIfFull() {
        if count >= flushThreshold { flush() }
    }

    /// The pending bytes (tests).
    var pendingBytes: [UInt8] { Array(UnsafeRawBufferPointer(start: storage, count: count)) }

    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        bigger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }

    /// write(2) to fd 1 until everything is out; false on any error other than EINTR (EPIPE, EBADF, ENOSPC...).
    static func writeToStandardOutput(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var remaining = bytes
        while !remaining.isEmpty {
            let written = write(1, remaining.baseAddress, remaining.count)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            if written == 0 { return false }
            remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
        }
        return true
    }
}
