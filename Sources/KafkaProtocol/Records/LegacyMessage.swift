import NIOCore

/// One message of a legacy message set (record format magic 0 or 1):
/// `offset int64, size int32, crc uint32, magic int8, attributes int8, [timestamp int64 if magic 1], key, value`,
/// where key and value are int32-length bytes (-1 = null). A compressed message is a wrapper whose value holds an
/// inner message set; KafkaCompression unpacks it and checks the CRC-32 (IEEE), which needs zlib.
public struct LegacyMessage: Hashable, Sendable {
    @usableFromInline static let sizeOffset = 8
    @usableFromInline static let crcOffset = 12
    @usableFromInline static let magicOffset = 16
    @usableFromInline static let attributesOffset = 17
    @usableFromInline static let timestampOffset = 18
    @usableFromInline static let codecMask: Int8 = 0x07
    @usableFromInline static let timestampTypeBit: Int8 = 0x08

    /// Smallest `size` field per magic: crc, magic, attributes, [timestamp], key length, value length.
    @inlinable
    public static func minimumSize(magic: Int8) -> Int? {
        switch magic {
        case 0: return 14
        case 1: return 22
        default: return nil
        }
    }

    /// For magic 1 wrappers the offset of the last inner message; otherwise the message's own offset.
    public let offset: Int64
    public let crc: UInt32
    public let magic: Int8
    public let attributes: Int8
    /// The message's timestamp; -1 for magic 0, which has none.
    public let timestamp: Int64
    public let key: ByteBuffer?
    public let value: ByteBuffer?
    /// The whole message, offset and size included.
    public let bytes: ByteBuffer

    /// Parses exactly one message from `bytes` (its readable bytes). Key and value are slices.
    public init(bytes: ByteBuffer) throws {
        var reader = bytes
        offset = try reader.readKafkaInt64()
        let size = Int(try reader.readKafkaInt32())
        crc = try reader.readKafkaUInt32()
        magic = try reader.readKafkaInt8()
        guard let minimum = Self.minimumSize(magic: magic) else { throw RecordBatchError.unsupportedMagic(magic) }
        guard size >= minimum, size == bytes.readableBytes - RecordBatchHeader.logOverhead else {
            throw RecordBatchError.invalidSize(what: "message size", value: size)
        }
        attributes = try reader.readKafkaInt8()
        // Legacy formats predate zstd (KIP-110 requires magic 2), so only ids 0-3 are valid here.
        let codecID = attributes & Self.codecMask
        guard codecID <= CompressionCodec.lz4.rawValue else {
            throw RecordBatchError.unsupportedCompressionCodec(id: codecID, magic: magic)
        }
        timestamp = magic >= 1 ? try reader.readKafkaInt64() : -1
        key = try reader.readKafkaNullableBytes(compact: false)
        value = try reader.readKafkaNullableBytes(compact: false)
        guard reader.readableBytes == 0 else {
            throw RecordBatchError.corruptRecord("\(reader.readableBytes) bytes left after the message's value")
        }
        self.bytes = bytes
    }

    @inlinable public var sizeInBytes: Int { bytes.readableBytes }

    @inlinable
    public var codec: CompressionCodec { CompressionCodec(rawValue: attributes & Self.codecMask) ?? .none }

    @inlinable public var isCompressed: Bool { codec != .none }

    @inlinable
    public var timestampType: TimestampType {
        guard magic >= 1 else { return .noTimestamp }
        return attributes & Self.timestampTypeBit != 0 ? .logAppendTime : .createTime
    }

    /// The bytes the stored CRC covers: from the magic byte to the end of the message.
    public var crcCoveredBytes: ByteBuffer {
        bytes.getSlice(at: bytes.readerIndex + Self.magicOffset, length: sizeInBytes - Self.magicOffset)
            ?? ByteBuffer()
    }
}
