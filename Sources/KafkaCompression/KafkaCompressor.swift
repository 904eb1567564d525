import KafkaProtocol
import NIOCore

/// Compresses and decompresses record-batch payloads in the formats Kafka clients and brokers exchange.
public enum KafkaCompressor {
    /// Compresses `input` (its readable bytes) the way Apache's Java client does: gzip with the gzip wrapper,
    /// snappy in xerial framing with 32 KiB blocks, lz4 as a frame of independent 64 KiB blocks, zstd as one frame.
    ///
    /// - Parameter level: the codec's own level, or nil for its library default (gzip 6, lz4 fast mode, zstd 3).
    ///   snappy has no levels and ignores it. `.none` returns the input unchanged.
    /// - Throws: `CompressionError.invalidLevel` for a level the codec does not have.
    public static func compress(_ input: ByteBuffer, codec: CompressionCodec, level: Int? = nil) throws -> ByteBuffer {
        switch codec {
        case .none: return input
        case .gzip: return try GzipCodec.compress(input, level: level)
        case .snappy: return try SnappyCodec.compress(input)
        case .lz4: return try LZ4Codec.compress(input, level: level)
        case .zstd: return try ZstdCodec.compress(input, level: level)
        }
    }

    /// Decompresses `input` (its readable bytes), producing at most `maxOutputBytes` bytes.
    ///
    /// Memory use follows the bytes actually produced, never a size the input claims, so a decompression bomb
    /// costs at most `maxOutputBytes` and ends in `CompressionError.outputLimitExceeded`. snappy input may be
    /// xerial-framed or one raw block; gzip, lz4 and zstd input may hold several concatenated members or frames.
    ///
    /// - Parameter legacyLZ4HeaderChecksum: set for lz4 data in record format magic 0, whose writer computed the
    ///   frame header checksum over the magic number too; the checksum is then recomputed before decoding.
    /// - Throws: `CompressionError` for corrupt or truncated input and when the limit would be exceeded.
    public static func decompress(
        _ input: ByteBuffer, codec: CompressionCodec, maxOutputBytes: Int, legacyLZ4HeaderChecksum: Bool = false
    ) throws -> ByteBuffer {
        let sizeHint = input.readableBytes.multipliedReportingOverflow(by: 4).partialValue
        var output = BoundedOutput(codec: codec, limit: maxOutputBytes, sizeHint: sizeHint)
        switch codec {
        case .none:
            guard input.readableBytes <= output.limit else {
                throw CompressionError.outputLimitExceeded(codec: .none, limit: output.limit)
            }
            return input
        case .gzip: try GzipCodec.decompress(input, into: &output)
        case .snappy: try SnappyCodec.decompress(input, into: &output)
        case .lz4: try LZ4Codec.decompress(input, legacyHeaderChecksum: legacyLZ4HeaderChecksum, into: &output)
        case .zstd: try ZstdCodec.decompress(input, into: &output)
        }
        return output.buffer
    }
}
