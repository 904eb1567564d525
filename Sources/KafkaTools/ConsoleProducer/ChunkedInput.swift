import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor (standard input) with large `read(2)`s into one reused buffer and hands out the complete
/// lines of each read; an unfinished last line moves to the buffer's front and is completed by the next read.
///
/// A read is attempted directly when `poll` says data is there (always for a file); otherwise the wait for data
/// happens on NIO's blocking-I/O thread pool, so a slow pipe never blocks the concurrency pool the producer runs on.
struct ChunkedInput: ConsoleInput {
    private let fd: Int32
    private let readSize: Int
    private var buffer: ByteBuffer
    private var splitter = LineSplitter()
    /// Bytes at the buffer's reader index known to hold no line terminator (the unfinished line).
    private var carried = 0
    private var finished = false

    /// 256 KiB reads: a few thousand lines each, and the buffer stays small next to the producer's batches.
    init(fd: Int32 = 0, readSize: Int = 1 << 18) {
        self.fd = fd
        self.readSize = readSize
        buffer = ByteBufferAllocator().buffer(capacity: readSize)
    }

    mutating func nextBatch() async throws -> ConsoleLineBatch? {
        while !finished {
            buffer.discardReadBytes()
            let count = try await readMore()
            var lines: [Range<Int>] = []
            let start = buffer.readerIndex
            if count == 0 {
                finished = true
                // The last line needs no terminator; an empty remainder is no line.
                if buffer.readableBytes > 0 { lines.append(start..<buffer.writerIndex) }
                guard !lines.isEmpty else { return nil }
                let batch = ConsoleLineBatch(
                    buffer: buffer, lines: lines, isASCII: buffer.withUnsafeReadableBytes(UTF8Repair.isASCII))
                buffer.moveReaderIndex(to: buffer.writerIndex)
                return batch
            }
            var splitter = self.splitter
            let carried = self.carried
            let (rest, isASCII) = buffer.withUnsafeReadableBytes { bytes in
                let rest = splitter.split(bytes, searchFrom: carried, into: &lines)
                return (rest, UTF8Repair.isASCII(UnsafeRawBufferPointer(rebasing: bytes[..<rest])))
            }
            self.splitter = splitter
            self.carried = buffer.readableBytes - rest
            guard !lines.isEmpty else { continue }
            let batch = ConsoleLineBatch(
                buffer: buffer, lines: lines.map { (start + $0.lowerBound)..<(start + $0.upperBound) }, isASCII: isASCII
            )
            buffer.moveReaderIndex(forwardBy: rest)
            return batch
        }
        return nil
    }

    /// Appends what one `read(2)` gives; 0 at the end of the input.
    private mutating func readMore() async throws -> Int {
        if buffer.writableBytes < readSize / 2 { buffer.reserveCapacity(minimumWritableBytes: readSize) }
        while true {
            if !Self.hasData(fd, timeout: 0) {
                let fd = self.fd
                _ = try await NIOThreadPool.singleton.runIfActive { Self.hasData(fd, timeout: -1) }
            }
            let fd = self.fd
            var failure: Int32 = 0
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { free in
                let result = read(fd, free.baseAddress, free.count)
                if result < 0 { failure = errno }
                return max(result, 0)
            }
            if failure == 0 { return count }
            if failure == EINTR || failure == EAGAIN { continue }
            throw ConsoleInputError(description: "Error reading standard input: \(String(cString: strerror(failure)))")
        }
    }

    /// Whether `read` would not block (data, end of input or an error to report).
    private static func hasData(_ fd: Int32, timeout: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, timeout)
            if result >= 0 { return result > 0 }
            if errno != EINTR { return true }
        }
    }
}
