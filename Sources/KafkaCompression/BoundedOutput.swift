import KafkaProtocol
import NIOCore

/// Decompressed bytes that can never grow past the caller's limit.
///
/// Streaming decoders are handed free space piece by piece and only ever up to one byte beyond the limit: that
/// one byte is how "the stream still had more to give" becomes visible, and it is answered with
/// `outputLimitExceeded` instead of more memory. Codecs that announce a block's size up front (snappy) check the
/// announcement against the remaining budget before anything is allocated for it.
struct BoundedOutput {
    private(set) var buffer: ByteBuffer
    let codec: CompressionCodec
    let limit: Int
    private let ceiling: Int

    /// ByteBuffer cannot hold more than UInt32.max bytes, so a larger limit could only end in a crash.
    private static let largestLimit = Int(UInt32.max) - 1
    private static let smallestGrowth = 64 * 1024

    init(codec: CompressionCodec, limit: Int, sizeHint: Int) {
        precondition(limit >= 0, "maxOutputBytes must not be negative")
        self.codec = codec
        self.limit = min(limit, Self.largestLimit)
        self.ceiling = self.limit + 1
        self.buffer = ByteBufferAllocator().buffer(capacity: min(max(sizeHint, 256), self.ceiling))
    }

    var count: Int { buffer.writerIndex }
    var remaining: Int { limit - count }

    /// Lets a streaming decoder write into the next stretch of free space; `body` returns how many bytes it wrote.
    @discardableResult
    mutating func produce(_ body: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> Int {
        if buffer.writableBytes == 0 {
            buffer.reserveCapacity(min(ceiling, max(count * 2, count + Self.smallestGrowth)))
        }
        let window = min(buffer.writableBytes, ceiling - count)
        let written = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { free in
            try body(UnsafeMutableRawBufferPointer(rebasing: free.prefix(window)))
        }
        if count > limit {
            throw CompressionError.outputLimitExceeded(codec: codec, limit: limit)
        }
        return written
    }

    /// Appends exactly `size` bytes that `body` fills in, after checking that they fit in the budget.
    mutating func append(exactly size: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Void) throws {
        guard size <= remaining else {
            throw CompressionError.outputLimitExceeded(codec: codec, limit: limit)
        }
        _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { free in
            try body(UnsafeMutableRawBufferPointer(rebasing: free.prefix(size)))
            return size
        }
    }
}
