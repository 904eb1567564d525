import NIOCore

/// The fixed 61-byte header of a record batch in format v2 (magic 2), as values. Parsing reads the fields at
/// their offsets in place; the batch bytes themselves stay where they are.
public struct RecordBatchHeader: Hashable, Sendable {
    /// Size of the header on the wire.
    public static let size = 61
    /// Bytes before `batchLength` counts from: baseOffset and batchLength themselves.
    public static let logOverhead = 12
    public static let magic: Int8 = 2

    // Field offsets from the start of the batch. The CRC covers attributes to the end of the batch, so the fields
    // before it (base offset, length, leader epoch, magic) can be rewritten without recomputing it.
    @usableFromInline static let baseOffsetOffset = 0
    @usableFromInline static let batchLengthOffset = 8
    @usableFromInline static let partitionLeaderEpochOffset = 12
    @usableFromInline static let magicOffset = 16
    @usableFromInline static let crcOffset = 17
    @usableFromInline static let attributesOffset = 21
    @usableFromInline static let lastOffsetDeltaOffset = 23
    @usableFromInline static let baseTimestampOffset = 27
    @usableFromInline static let maxTimestampOffset = 35
    @usableFromInline static let producerIdOffset = 43
    @usableFromInline static let producerEpochOffset = 51
    @usableFromInline static let baseSequenceOffset = 53
    @usableFromInline static let recordCountOffset = 57

    public var baseOffset: Int64
    /// Bytes after this field to the end of the batch (the batch's size minus `logOverhead`).
    public var batchLength: Int32
    public var partitionLeaderEpoch: Int32
    public var magic: Int8
    public var crc: UInt32
    public var attributes: RecordBatchAttributes
    public var lastOffsetDelta: Int32
    public var baseTimestamp: Int64
    public var maxTimestamp: Int64
    public var producerId: Int64
    public var producerEpoch: Int16
    public var baseSequence: Int32
    public var recordCount: Int32

    /// A header with Kafka's "none" values: no producer (-1), no sequence (-1), no leader epoch (-1).
    /// `batchLength`, `crc` and `recordCount` are filled in by the encoder.
    public init(
        baseOffset: Int64 = 0, batchLength: Int32 = 0, partitionLeaderEpoch: Int32 = -1, magic: Int8 = 2,
        crc: UInt32 = 0, attributes: RecordBatchAttributes = RecordBatchAttributes(), lastOffsetDelta: Int32 = 0,
        baseTimestamp: Int64 = -1, maxTimestamp: Int64 = -1, producerId: Int64 = -1, producerEpoch: Int16 = -1,
        baseSequence: Int32 = -1, recordCount: Int32 = 0
    ) {
        self.baseOffset = baseOffset
        self.batchLength = batchLength
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.magic = magic
        self.crc = crc
        self.attributes = attributes
        self.lastOffsetDelta = lastOffsetDelta
        self.baseTimestamp = baseTimestamp
        self.maxTimestamp = maxTimestamp
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.recordCount = recordCount
    }

    /// Reads the header of the batch starting at `index` without moving any reader index. Only checks that the 61
    /// bytes are there; `RecordBatch(bytes:)` checks that they make sense.
    @inlinable
    public init(parsing buffer: ByteBuffer, at index: Int) throws {
        guard index >= buffer.readerIndex, buffer.writerIndex - index >= Self.size else {
            throw KafkaProtocolError.truncated(
                what: "record batch header", needed: Self.size, available: max(0, buffer.writerIndex - index))
        }
        func field<T: FixedWidthInteger>(_ offset: Int) -> T {
            // In range by the guard above; the fallback is never taken.
            buffer.getInteger(at: index + offset, endianness: .big, as: T.self) ?? 0
        }
        baseOffset = field(Self.baseOffsetOffset)
        batchLength = field(Self.batchLengthOffset)
        partitionLeaderEpoch = field(Self.partitionLeaderEpochOffset)
        magic = field(Self.magicOffset)
        crc = field(Self.crcOffset)
        attributes = RecordBatchAttributes(rawValue: field(Self.attributesOffset))
        lastOffsetDelta = field(Self.lastOffsetDeltaOffset)
        baseTimestamp = field(Self.baseTimestampOffset)
        maxTimestamp = field(Self.maxTimestampOffset)
        producerId = field(Self.producerIdOffset)
        producerEpoch = field(Self.producerEpochOffset)
        baseSequence = field(Self.baseSequenceOffset)
        recordCount = field(Self.recordCountOffset)
    }

    /// Writes the 61 bytes as they are (no length or CRC computed here).
    @inlinable
    public func write(into buffer: inout ByteBuffer) {
        buffer.writeInteger(baseOffset)
        buffer.writeInteger(batchLength)
        buffer.writeInteger(partitionLeaderEpoch)
        buffer.writeInteger(magic)
        buffer.writeInteger(crc)
        buffer.writeInteger(attributes.rawValue)
        buffer.writeInteger(lastOffsetDelta)
        buffer.writeInteger(baseTimestamp)
        buffer.writeInteger(maxTimestamp)
        buffer.writeInteger(producerId)
        buffer.writeInteger(producerEpoch)
        buffer.writeInteger(baseSequence)
        buffer.writeInteger(recordCount)
    }

    // MARK: Derived values

    /// The offset of the last record the batch was written with; compaction may have removed records since, so
    /// this is not `baseOffset + recordCount - 1`.
    @inlinable public var lastOffset: Int64 { baseOffset &+ Int64(lastOffsetDelta) }
    @inlinable public var nextOffset: Int64 { lastOffset &+ 1 }
    /// Size of the whole batch on the wire, header included.
    @inlinable public var sizeInBytes: Int { Int(batchLength) + Self.logOverhead }
    @inlinable public var codec: CompressionCodec? { attributes.codec }
    @inlinable public var timestampType: TimestampType { attributes.timestampType }
    @inlinable public var isTransactional: Bool { attributes.isTransactional }
    @inlinable public var isControl: Bool { attributes.isControl }
    @inlinable public var hasProducerId: Bool { producerId >= 0 }
    /// The delete horizon the log cleaner stored in baseTimestamp, if it did.
    @inlinable public var deleteHorizon: Int64? { attributes.hasDeleteHorizon ? baseTimestamp : nil }
    /// The last sequence number of the batch, wrapping at Int32.max as producers do.
    @inlinable
    public var lastSequence: Int32 {
        guard baseSequence >= 0 else { return -1 }
        let last = Int64(baseSequence) + Int64(lastOffsetDelta)
        return last > Int64(Int32.max) ? Int32(last - Int64(Int32.max) - 1) : Int32(last)
    }
}
