import CLZ4
import KafkaProtocol
import NIOCore

/// LZ4 in the frame format, which Kafka uses for lz4 batches.
enum LZ4Codec {
    /// 0 is liblz4's fast mode (what librdkafka uses by default); 3 and up select LZ4HC, which liblz4 caps at 12.
    /// The upper bound is Kafka's `compression.lz4.level` maximum.
    static let levels = 0...17

    static func compress(_ input: ByteBuffer, level: Int?) throws -> ByteBuffer {
        let level = level ?? 0
        guard levels.contains(level) else {
            throw CompressionError.invalidLevel(codec: .lz4, level: level, valid: levels)
        }
        // Independent 64 KiB blocks, as Java's KafkaLZ4BlockOutputStream writes them; its reader rejects
        // linked blocks.
        var preferences = LZ4F_preferences_t()
        preferences.frameInfo.blockSizeID = LZ4F_max64KB
        preferences.frameInfo.blockMode = LZ4F_blockIndependent
        preferences.compressionLevel = Int32(level)

        let bound = LZ4F_compressFrameBound(input.readableBytes, &preferences)
        var output = ByteBufferAllocator().buffer(capacity: bound)
        var result = 0
        input.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                result = LZ4F_compressFrame(target.baseAddress, target.count, source.baseAddress, source.count, &preferences)
                return LZ4F_isError(result) != 0 ? 0 : result
            }
        }
        guard LZ4F_isError(result) == 0 else {
            throw CompressionError.libraryFailure(codec: .lz4, detail: String(cString: LZ4F_getErrorName(result)))
        }
        return output
    }

    /// Decodes one or more concatenated frames. With `legacyHeaderChecksum`, each frame's header checksum byte is
    /// recomputed first (see `LZ4FrameHeader`).
    static func decompress(_ input: ByteBuffer, legacyHeaderChecksum: Bool, into output: inout BoundedOutput) throws {
        var created: OpaquePointer?
        let status = LZ4F_createDecompressionContext(&created, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(status) == 0, let context = created else {
            throw CompressionError.libraryFailure(codec: .lz4, detail: "cannot create a decompression context")
        }
        defer { LZ4F_freeDecompressionContext(context) }

        try input.withUnsafeReadableBytes { source in
            var offset = 0
            repeat {
                offset = try decodeFrame(source, from: offset, context, legacyHeaderChecksum, &output)
            } while offset < source.count
        }
    }

    /// Returns the offset just past the frame that starts at `start`.
    private static func decodeFrame(
        _ source: UnsafeRawBufferPointer, from start: Int, _ context: OpaquePointer,
        _ legacyHeaderChecksum: Bool, _ output: inout BoundedOutput
    ) throws -> Int {
        var offset = start
        let rest = UnsafeRawBufferPointer(rebasing: source[offset...])
        if legacyHeaderChecksum, let header = LZ4FrameHeader.withCorrectedChecksum(rest) {
            // liblz4 decodes incrementally, so the patched header can come from a copy and the blocks from the
            // caller's buffer.
            _ = try header.withUnsafeBytes { try run(context, $0, &output) }
            offset += header.count
        }
        let (consumed, frameEnded) = try run(context, UnsafeRawBufferPointer(rebasing: source[offset...]), &output)
        guard frameEnded else { throw CompressionError.truncatedInput(codec: .lz4) }
        return offset + consumed
    }

    /// Feeds `segment` to the decoder until it is used up or a frame ends; returns the bytes consumed and
    /// whether a frame ended.
    private static func run(
        _ context: OpaquePointer, _ segment: UnsafeRawBufferPointer, _ output: inout BoundedOutput
    ) throws -> (consumed: Int, frameEnded: Bool) {
        var consumed = 0
        while true {
            var hint = 0
            var used = 0
            let produced = try output.produce { free in
                var freeSize = free.count
                var available = segment.count - consumed
                hint = LZ4F_decompress(
                    context, free.baseAddress, &freeSize, segment.baseAddress.map { $0 + consumed }, &available, nil)
                guard LZ4F_isError(hint) == 0 else { return 0 }
                used = available
                return freeSize
            }
            guard LZ4F_isError(hint) == 0 else {
                throw CompressionError.corruptInput(codec: .lz4, detail: String(cString: LZ4F_getErrorName(hint)))
            }
            consumed += used
            if hint == 0 { return (consumed, true) }
            // Neither input taken nor output given: the decoder waits for bytes this segment does not have.
            if used == 0 && produced == 0 { return (consumed, false) }
        }
    }
}
