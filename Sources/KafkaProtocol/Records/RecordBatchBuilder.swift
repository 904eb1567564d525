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

    /// `capacity` (the whole batch, header included) allocates the buffer up front, with the header's 61 bytes kept
    /// in front of the records so that `takeBatch` finishes an uncompressed batch where it is, without a copy.
    public init(
        codec: CompressionCodec = .none, producerId: Int64 = -1, producerEpoch: Int16 = -1, baseSequence: Int32 = -1,
        isTransactional: Bool = false, isControl: Bool = false, baseOffset: Int64 = 0, partitionLeaderEpoch: Int32 = -1,
        capacity: Int = 0
    ) {
        header = RecordBatchHeader(
            baseOffset: baseOffset, partitionLeaderEpoch: partitionLeaderEpoch,
            attributes: RecordBatchAttributes(codec: codec, isTransactional: isTransactional, isControl: isControl),
            producerId: producerId, producerEpoch: producerEpoch, baseSequence: baseSequence)
        if capacity > 0 {
            section = ByteBufferAllocator().buffer(capacity: max(capacity, RecordBatchHeader.size))
            section.writeRepeatingByte(0, count: RecordBatchHeader.size)
            section.moveReaderIndex(forwardBy: RecordBatchHeader.size)
        }
    }

    /// A builder that writes into `buffer` (cleared first), e.g. the bytes of a batch already sent: a producer
    /// reuses its batch buffers instead of allocating one per batch.
    public init(codec: CompressionCodec = .none, reusing buffer: ByteBuffer) {
        self.init(codec: codec)
        section = buffer
        section.clear()
        section.writeRepeatingByte(0, count: RecordBatchHeader.size)
        section.moveReaderIndex(forwardBy: RecordBatchHeader.size)
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
        let total = ByteBuffer.varintSize(bodyLength) + bodySize
        // One raw write for the whole record: a ByteBuffer call per field (and per varint byte) checks bounds and
        // uniqueness each time, which dominated producing small records.
        section.writeWithUnsafeMutableBytes(minimumWritableBytes: total) { free in
            guard let base = free.baseAddress else { return 0 }
            var writer = RawFieldWriter(base)
            writer.varint(bodyLength)
            writer.byte(0)
            writer.varlong(timestampDelta)
            writer.varint(offsetDelta)
            writer.nullableField(key)
            writer.nullableField(value)
            writer.varint(Int32(truncatingIfNeeded: headers.count))
            for header in headers {
                writer.varint(Int32(truncatingIfNeeded: header.key.readableBytes))
                writer.bytes(header.key)
                writer.nullableField(header.value)
            }
            assert(writer.offset == total, "record size computed as \(total), written \(writer.offset)")
            return writer.offset
        }
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

    /// The encoded batch, as `write(into:)` would append it; the builder's records go with it (do not append or
    /// build again). An uncompressed batch built with a `capacity` is finished in the builder's own buffer (header
    /// and CRC filled in, records not copied); otherwise it is written into a new buffer.
    public mutating func takeBatch(compressor: RecordsCompressor? = nil) throws -> ByteBuffer {
        let uncompressed = header.attributes.codec.map { $0 == CompressionCodec.none } ?? false
        guard uncompressed, section.readerIndex >= RecordBatchHeader.size else {
            var bytes = ByteBuffer()
            try write(into: &bytes, compressor: compressor)
            section = ByteBuffer()
            return bytes
        }
        var fixedHeader = finalHeader
        fixedHeader.magic = RecordBatchHeader.magic
        var batch = section
        section = ByteBuffer()  // `batch` is now the only reference: no copy on the writes below
        let end = batch.writerIndex
        let start = batch.readerIndex - RecordBatchHeader.size
        batch.moveReaderIndex(to: start)
        batch.moveWriterIndex(to: start)
        fixedHeader.write(into: &batch)
        batch.moveWriterIndex(to: end)
        try batch.finishRecordBatch(startingAt: start, recordCount: recordCount)
        return batch
    }

    public func build(compressor: RecordsCompressor? = nil) throws -> RecordBatch {
        var buffer = ByteBuffer()
        try write(into: &buffer, compressor: compressor)
        return try RecordBatch(bytes: buffer)
    }
}
