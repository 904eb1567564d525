/// Why a record batch, a record or a legacy message was rejected. Short reads inside a batch surface as
/// `KafkaProtocolError.truncated` from the primitives; these are the format's own rules.
public enum RecordBatchError: Error, Hashable, Sendable {
    /// The magic byte is not 0, 1 or 2 (or not the one the caller can handle).
    case unsupportedMagic(Int8)
    /// A size or count field that no valid batch carries.
    case invalidSize(what: String, value: Int)
    /// The checksum stored in the batch (or legacy message) differs from the one computed over its bytes.
    case crcMismatch(stored: UInt32, computed: UInt32)
    /// The codec bits hold an id Kafka does not define, or one the format version cannot carry.
    case unsupportedCompressionCodec(id: Int8, magic: Int8)
    /// Records of a compressed batch were asked for without decompressing it (see KafkaCompression).
    case compressedRecords(CompressionCodec)
    /// Encoding a compressed batch needs a compressor and none was given.
    case compressorMissing(CompressionCodec)
    /// The contents of a record or message do not add up (declared sizes, nulls where none are allowed, ...).
    case corruptRecord(String)
}

extension RecordBatchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unsupportedMagic(let magic):
            return "unsupported record format magic \(magic)"
        case .invalidSize(let what, let value):
            return "invalid \(what) \(value)"
        case .crcMismatch(let stored, let computed):
            return "record is corrupt (stored crc = \(stored), computed crc = \(computed))"
        case .unsupportedCompressionCodec(let id, let magic):
            return "compression codec id \(id) is not supported by record format magic \(magic)"
        case .compressedRecords(let codec):
            return "the batch is \(codec.name)-compressed; decompress it before reading its records"
        case .compressorMissing(let codec):
            return "a \(codec.name) batch needs a compressor"
        case .corruptRecord(let detail):
            return "corrupt record: \(detail)"
        }
    }
}
