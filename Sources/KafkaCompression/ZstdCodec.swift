import CZstd
import KafkaProtocol
import NIOCore

/// Zstandard, decoded as a stream so that frames without a content size (what streaming writers such as
/// zstd-jni produce) work, and concatenated frames too.
enum ZstdCodec {
    static var levels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    static func compress(_ input: ByteBuffer, level: Int?) throws -> ByteBuffer {
        let level = level ?? Int(ZSTD_CLEVEL_DEFAULT)
        guard levels.contains(level) else {
            throw CompressionError.invalidLevel(codec: .zstd, level: level, valid: levels)
        }
        let bound = ZSTD_compressBound(input.readableBytes)
        var output = ByteBufferAllocator().buffer(capacity: bound)
        var result = 0
        input.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                result = ZSTD_compress(target.baseAddress, target.count, source.baseAddress, source.count, Int32(level))
                return ZSTD_isError(result) != 0 ? 0 : result
            }
        }
        guard ZSTD_isError(result) == 0 else {
            throw CompressionError.libraryFailure(codec: .zstd, detail: String(cString: ZSTD_getErrorName(result)))
        }
        return output
    }

    static func decompress(_ input: ByteBuffer, into output: inout BoundedOutput) throws {
        guard let context = ZSTD_createDCtx() else {
            throw CompressionError.libraryFailure(codec: .zstd, detail: "cannot create a decompression context")
        }
        defer { ZSTD_freeDCtx(context) }
        ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, windowLogMax(limit: output.limit))

        try input.withUnsafeReadableBytes { source in
            // A declared size is verified by the decoder, so one above the limit can be refused before decoding.
            // zstd reports "unknown" and "error" as the two largest UInt64 values.
            let declared = ZSTD_getFrameContentSize(source.baseAddress, source.count)
            if declared < UInt64.max - 1, declared > UInt64(output.limit) {
                throw CompressionError.outputLimitExceeded(codec: .zstd, limit: output.limit)
            }
            var pending = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                var hint = 0
                let before = pending.pos
                let produced = try output.produce { free in
                    var target = ZSTD_outBuffer(dst: free.baseAddress, size: free.count, pos: 0)
                    hint = ZSTD_decompressStream(context, &target, &pending)
                    return ZSTD_isError(hint) != 0 ? 0 : target.pos
                }
                guard ZSTD_isError(hint) == 0 else {
                    throw CompressionError.corruptInput(codec: .zstd, detail: String(cString: ZSTD_getErrorName(hint)))
                }
                // 0 means a frame ended and all its output was handed over; more input is another frame.
                if hint == 0 && pending.pos == pending.size { return }
                if produced == 0 && pending.pos == before { throw CompressionError.truncatedInput(codec: .zstd) }
            }
        }
    }

    /// The decoder allocates a buffer as large as the window a frame declares, whatever the frame really holds,
    /// so the accepted window follows the output limit. It never goes below 8 MiB, which every standard level up
    /// to 19 fits in when the writer did not know the content size, nor above zstd's own default cap of 128 MiB.
    static func windowLogMax(limit: Int) -> Int32 {
        let bitsForLimit = Int.bitWidth - max(limit - 1, 1).leadingZeroBitCount
        return Int32(min(max(bitsForLimit, 23), 27))
    }
}
