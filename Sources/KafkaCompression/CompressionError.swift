import KafkaProtocol

/// Why a payload could not be compressed or decompressed.
public enum CompressionError: Error, Hashable, Sendable {
    /// Decompressing would produce more than the caller allowed (a decompression bomb, or a limit set too low).
    case outputLimitExceeded(codec: CompressionCodec, limit: Int)
    /// The input ended in the middle of a frame, block or stream.
    case truncatedInput(codec: CompressionCodec)
    /// The input is not valid for the codec; `detail` is the library's or the framing check's reason.
    case corruptInput(codec: CompressionCodec, detail: String)
    /// The codec does not accept this compression level.
    case invalidLevel(codec: CompressionCodec, level: Int, valid: ClosedRange<Int>)
    /// The codec library itself failed (for example, it could not allocate its working state).
    case libraryFailure(codec: CompressionCodec, detail: String)
}

extension CompressionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .outputLimitExceeded(let codec, let limit):
            return "\(codec.name) data decompresses to more than the limit of \(limit) bytes"
        case .truncatedInput(let codec):
            return "\(codec.name) data is truncated"
        case .corruptInput(let codec, let detail):
            return "\(codec.name) data is corrupt: \(detail)"
        case .invalidLevel(let codec, let level, let valid):
            return "\(codec.name) compression level \(level) is outside \(valid.lowerBound)...\(valid.upperBound)"
        case .libraryFailure(let codec, let detail):
            return "\(codec.name) library failure: \(detail)"
        }
    }
}
