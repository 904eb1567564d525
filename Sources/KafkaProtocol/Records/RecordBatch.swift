import NIOCore

/// One v2 record batch: its bytes (which stay as they arrived, header included) and its parsed header. The
/// records are read on demand; compressed ones through KafkaCompression.
public struct RecordBatch: Hashable, Sendable {
    public private(set) var header: RecordBatchHeader
    /// The whole batch, from base offset to the last record byte.
    public private(set) var bytes: ByteBuffer

    /// Checks that `bytes` (its readable bytes) are exactly one v2 batch whose sizes add up; the CRC is checked
    /// separately (`crcIsValid`) because the broker and consumers decide what to do about it.
    public init(bytes: ByteBuffer) throws {
        let header = try RecordBatchHeader(parsing: bytes, at: bytes.readerIndex)
        guard header.magic == RecordBatchHeader.magic else { throw RecordBatchError.unsupportedMagic(header.magic) }
        guard header.sizeInBytes >= RecordBatchHeader.size else {
            throw RecordBatchError.invalidSize(what: "batch length", value: Int(header.batchLength))
        }
        guard header.sizeInBytes == bytes.readableBytes else {
            throw RecordBatchError.invalidSize(what: "batch length", value: Int(header.batchLength))
        }
        guard header.recordCount >= 0 else {
            throw RecordBatchError.invalidSize(what: "record count", value: Int(header.recordCount))
        }
        guard header.attributes.codec != nil else {
            throw RecordBatchError.unsupportedCompressionCodec(id: header.attributes.compressionCodecID, magic: 2)
        }
        self.header = header
        self.bytes = bytes
    }

    /// The codec (known: checked at init).
    @inlinable public var codec: CompressionCodec { header.attributes.codec ?? .none }
    @inlinable public var sizeInBytes: Int { bytes.readableBytes }

    /// The bytes after the header: the records, compressed as one stream when `codec` is not `.none`.
    public var recordsSection: ByteBuffer {
        bytes.getSlice(at: bytes.readerIndex + RecordBatchHeader.size, length: sizeInBytes - RecordBatchHeader.size)
            ?? ByteBuffer()
    }

    /// CRC-32C over attributes to the end of the batch.
    public var computedCRC: UInt32 {
        bytes.kafkaCRC32C(
            at: bytes.readerIndex + RecordBatchHeader.attributesOffset,
            length: sizeInBytes - RecordBatchHeader.attributesOffset) ?? 0
    }

    public var crcIsValid: Bool { computedCRC == header.crc }

    /// Throws `RecordBatchError.crcMismatch` unless the CRC is valid.
    public func verifyCRC() throws {
        let computed = computedCRC
        guard computed == header.crc else { throw RecordBatchError.crcMismatch(stored: header.crc, computed: computed) }
    }

    /// The records of an uncompressed batch. A compressed one throws `RecordBatchError.compressedRecords`; use
    /// `decodeRecords(maxDecompressedBytes:)` from KafkaCompression for those.
    public func records() throws -> RecordIterator {
        guard codec == .none else { throw RecordBatchError.compressedRecords(codec) }
        return try RecordIterator(section: recordsSection, count: Int(header.recordCount))
    }

    // MARK: In-place rewrites (see ByteBuffer+RecordBatchRewrite)

    /// Sets the base offset; the CRC stays valid.
    public mutating func setBaseOffset(_ baseOffset: Int64) throws {
        try bytes.setRecordBatchBaseOffset(baseOffset, batchAt: bytes.readerIndex)
        header.baseOffset = baseOffset
    }

    /// Sets the partition leader epoch; the CRC stays valid.
    public mutating func setPartitionLeaderEpoch(_ epoch: Int32) throws {
        try bytes.setRecordBatchPartitionLeaderEpoch(epoch, batchAt: bytes.readerIndex)
        header.partitionLeaderEpoch = epoch
    }

    /// Sets max timestamp and timestamp type (LogAppendTime on append) and recomputes the CRC.
    public mutating func setMaxTimestamp(_ maxTimestamp: Int64, timestampType: TimestampType) throws {
        try bytes.setRecordBatchMaxTimestamp(maxTimestamp, timestampType: timestampType, batchAt: bytes.readerIndex)
        header = try RecordBatchHeader(parsing: bytes, at: bytes.readerIndex)
    }
}
