import NIOCore

/// Compresses an uncompressed records section with `codec`. KafkaProtocol has no codecs of its own, so a caller
/// that encodes compressed batches passes one (KafkaCompression provides `KafkaCompressor.recordsCompressor`).
public typealias RecordsCompressor = (_ records: ByteBuffer, _ codec: CompressionCodec) throws -> ByteBuffer

extension RecordBatch {
    /// Encodes a v2 batch from `header` and `records` and returns it.
    ///
    /// Every header field is written as given except `magic` (2), `batchLength`, `recordCount` and `crc`, which
    /// come from the content; in particular `lastOffsetDelta`, `baseTimestamp` and `maxTimestamp` are the
    /// caller's (`RecordBatchBuilder` computes them), so decoded records re-encode to the very same bytes.
    public static func encode(
        header: RecordBatchHeader, records: some Sequence<Record>, compressor: RecordsCompressor? = nil
    ) throws -> RecordBatch {
        var buffer = ByteBuffer()
        try write(header: header, records: records, compressor: compressor, into: &buffer)
        return try RecordBatch(bytes: buffer)
    }

    /// Appends the encoded batch to `buffer` (for example after other batches of a Produce request). On error
    /// nothing is appended.
    public static func write(
        header: RecordBatchHeader, records: some Sequence<Record>, compressor: RecordsCompressor? = nil,
        into buffer: inout ByteBuffer
    ) throws {
        let start = buffer.writerIndex
        do {
            guard let codec = header.attributes.codec else {
                throw RecordBatchError.unsupportedCompressionCodec(id: header.attributes.compressionCodecID, magic: 2)
            }
            var count = 0
            var fixedHeader = header
            fixedHeader.magic = RecordBatchHeader.magic
            fixedHeader.write(into: &buffer)
            if codec == .none {
                for record in records {
                    record.write(into: &buffer)
                    count += 1
                }
            } else {
                guard let compressor else { throw RecordBatchError.compressorMissing(codec) }
                var section = ByteBuffer()
                for record in records {
                    record.write(into: &section)
                    count += 1
                }
                buffer.writeImmutableBuffer(try compressor(section, codec))
            }
            try buffer.finishRecordBatch(startingAt: start, recordCount: count)
        } catch {
            buffer.moveWriterIndex(to: start)
            throw error
        }
    }

    /// Encodes a batch around a records section that is already encoded (and compressed if the header says so).
    static func write(
        header: RecordBatchHeader, encodedSection: ByteBuffer, recordCount: Int, into buffer: inout ByteBuffer
    ) throws {
        let start = buffer.writerIndex
        do {
            var fixedHeader = header
            fixedHeader.magic = RecordBatchHeader.magic
            fixedHeader.write(into: &buffer)
            buffer.writeImmutableBuffer(encodedSection)
            try buffer.finishRecordBatch(startingAt: start, recordCount: recordCount)
        } catch {
            buffer.moveWriterIndex(to: start)
            throw error
        }
    }
}

extension ByteBuffer {
    /// Fills in batch length, record count and CRC of the batch written from `start` to the writer index.
    mutating func finishRecordBatch(startingAt start: Int, recordCount: Int) throws {
        let batchLength = writerIndex - start - RecordBatchHeader.logOverhead
        guard let length = Int32(exactly: batchLength) else {
            throw RecordBatchError.invalidSize(what: "batch length", value: batchLength)
        }
        guard let count = Int32(exactly: recordCount) else {
            throw RecordBatchError.invalidSize(what: "record count", value: recordCount)
        }
        setInteger(length, at: start + RecordBatchHeader.batchLengthOffset)
        setInteger(count, at: start + RecordBatchHeader.recordCountOffset)
        try updateRecordBatchCRC(batchAt: start)
    }
}
