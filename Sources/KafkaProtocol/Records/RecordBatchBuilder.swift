import NIOCore

/// Builds one v2 batch the way a producer does: records get consecutive offset deltas from 0, the first record's
/// timestamp becomes the base timestamp, and the largest becomes the max timestamp. Records are encoded as they
/// are appended, so the builder holds bytes, not values.
public struct RecordBatchBuilder: Sendable {
    /// Fields written as set: base offset, leader epoch, attributes (codec, transactional, control), producer id,
    /// epoch and base sequence. Timestamps, last offset delta, length, count and CRC are filled in by `build`.
    public var header: RecordBatchHeader
    @usableFromInline var section = ByteBuffer()
    public private(set) var recordCount = 0
    @usableFromInline var baseTimestamp: Int64?
    @usableFromInline var maxTimestamp: Int64 = -1

    public init(
        codec: CompressionCodec = .none, producerId: Int64 = -1, producerEpoch: Int16 = -1, baseSequence: Int32 = -1,
        isTransactional: Bool = false, isControl: Bool = false, baseOffset: Int64 = 0, partitionLeaderEpoch: Int32 = -1
    ) {
        header = RecordBatchHeader(
            baseOffset: baseOffset, partitionLeaderEpoch: partitionLeaderEpoch,
            attributes: RecordBatchAttributes(codec: codec, isTransactional: isTransactional, isControl: isControl),
            producerId: producerId, producerEpoch: producerEpoch, baseSequence: baseSequence)
    }

    public var isEmpty: Bool { recordCount == 0 }

    /// Size of the batch if it were built uncompressed now; what producers compare with `batch.size`.
    public var uncompressedSizeInBytes: Int { RecordBatchHeader.size + section.readableBytes }

    /// Appends a record with the next offset delta.
    public mutating func append(key: ByteBuffer?, value: ByteBuffer?, headers: [RecordHeader] = [], timestamp: Int64)
        throws
    {
        guard let offsetDelta = Int32(exactly: recordCount) else {
            throw RecordBatchError.invalidSize(what: "record count", value: recordCount + 1)
        }
        let base = baseTimestamp ?? timestamp
        let timestampDelta = timestamp &- base
        var headersSize = ByteBuffer.varintSize(Int32(truncatingIfNeeded: headers.count))
        for header in headers {
            headersSize += ByteBuffer.varintSize(Int32(truncatingIfNeeded: header.key.readableBytes))
                + header.key.readableBytes + ByteBuffer.nullableRecordFieldSize(header.value)
        }
        let bodySize =
            1 + ByteBuffer.varlongSize(timestampDelta) + ByteBuffer.varintSize(offsetDelta)
            + ByteBuffer.nullableRecordFieldSize(key) + ByteBuffer.nullableRecordFieldSize(value) + headersSize
        guard let bodyLength = Int32(exactly: bodySize) else {
            throw RecordBatchError.invalidSize(what: "record size", value: bodySize)
        }
        section.writeVarint(bodyLength)
        section.writeInteger(Int8(0))
        section.writeVarlong(timestampDelta)
        section.writeVarint(offsetDelta)
        section.writeNullableRecordField(key)
        section.writeNullableRecordField(value)
        section.writeVarint(Int32(truncatingIfNeeded: headers.count))
        for header in headers { section.writeRecordHeader(header) }
        baseTimestamp = base
        maxTimestamp = recordCount == 0 ? timestamp : max(maxTimestamp, timestamp)
        recordCount += 1
    }

    /// The header `build` writes: this builder's fields plus the timestamps and last offset delta of the records.
    public var finalHeader: RecordBatchHeader {
        var result = header
        result.baseTimestamp = baseTimestamp ?? -1
        result.maxTimestamp = maxTimestamp
        result.lastOffsetDelta = Int32(truncatingIfNeeded: max(recordCount - 1, 0))
        result.recordCount = Int32(truncatingIfNeeded: recordCount)
        return result
    }

    /// Appends the encoded batch to `buffer`; `compressor` is needed when the header's codec is not `.none`.
    public func write(into buffer: inout ByteBuffer, compressor: RecordsCompressor? = nil) throws {
        let header = finalHeader
        guard let codec = header.attributes.codec else {
            throw RecordBatchError.unsupportedCompressionCodec(id: header.attributes.compressionCodecID, magic: 2)
        }
        var encoded = section
        if codec != .none {
            guard let compressor else { throw RecordBatchError.compressorMissing(codec) }
            encoded = try compressor(section, codec)
        }
        try RecordBatch.write(header: header, encodedSection: encoded, recordCount: recordCount, into: &buffer)
    }

    public func build(compressor: RecordsCompressor? = nil) throws -> RecordBatch {
        var buffer = ByteBuffer()
        try write(into: &buffer, compressor: compressor)
        return try RecordBatch(bytes: buffer)
    }
}
