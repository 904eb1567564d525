import KafkaProtocol
import NIOCore
import Testing

/// The in-place patches the broker applies to stored batches.
@Suite struct RecordBatchRewriteTests {
    static func sample() throws -> RecordBatch {
        var builder = RecordBatchBuilder(producerId: 7, producerEpoch: 1, baseSequence: 0)
        for index in 0..<3 {
            try builder.append(
                key: ByteBuffer(string: "k\(index)"), value: ByteBuffer(string: "v\(index)"),
                timestamp: 1_000 + Int64(index))
        }
        return try builder.build()
    }

    @Test func baseOffsetAndLeaderEpochLeaveTheCRCValid() throws {
        var batch = try Self.sample()
        let crc = batch.header.crc
        try batch.setBaseOffset(1_234_567)
        try batch.setPartitionLeaderEpoch(42)
        #expect(batch.header.baseOffset == 1_234_567)
        #expect(batch.header.partitionLeaderEpoch == 42)
        #expect(batch.header.crc == crc)
        #expect(batch.crcIsValid)
        let reparsed = try RecordBatch(bytes: batch.bytes)
        #expect(reparsed.header == batch.header)
        var records = try reparsed.records()
        #expect(try records.next().map { LogRecord($0, in: reparsed.header).offset } == 1_234_567)
    }

    @Test func patchesWorkAtAPositionInsideABlob() throws {
        let first = try Self.sample()
        var blob = first.bytes
        blob.writeImmutableBuffer(first.bytes)
        var reader = RecordBatchReader(blob)
        _ = try reader.next()
        let second = reader.position
        try blob.setRecordBatchBaseOffset(3, batchAt: second)
        try blob.setRecordBatchMaxTimestamp(9_999, timestampType: .logAppendTime, batchAt: second)
        let entries = try RecordBatchReader.entries(of: blob)
        guard case .batch(let a) = entries[0], case .batch(let b) = entries[1] else {
            Issue.record("expected two batches")
            return
        }
        #expect(a == first)
        #expect(b.header.baseOffset == 3)
        #expect(b.header.maxTimestamp == 9_999)
        #expect(a.crcIsValid && b.crcIsValid)
    }

    @Test func logAppendTimeRewritesAttributesAndMaxTimestampAndTheCRC() throws {
        var batch = try Self.sample()
        let crc = batch.header.crc
        try batch.setMaxTimestamp(5_000, timestampType: .logAppendTime)
        #expect(batch.header.timestampType == .logAppendTime)
        #expect(batch.header.maxTimestamp == 5_000)
        #expect(batch.header.crc != crc)
        #expect(batch.crcIsValid)
        // Readers give every record of a LogAppendTime batch the batch's max timestamp.
        var records = try batch.records()
        while let record = try records.next() {
            #expect(LogRecord(record, in: batch.header).timestamp == 5_000)
            #expect(LogRecord(record, in: batch.header).timestampType == .logAppendTime)
        }
        // Other attribute bits are untouched.
        #expect(batch.header.producerId == 7)
        #expect(!batch.header.isTransactional && !batch.header.isControl && batch.codec == .none)
    }

    @Test func settingTheSameMaxTimestampChangesNothing() throws {
        var batch = try Self.sample()
        var bytes = batch.bytes
        bytes.setInteger(UInt32(0xDEAD_BEEF), at: 17)  // a wrong CRC stays wrong: no silent repair
        batch = try RecordBatch(bytes: bytes)
        try batch.setMaxTimestamp(batch.header.maxTimestamp, timestampType: .createTime)
        #expect(batch.header.crc == 0xDEAD_BEEF)
    }

    @Test func patchesRefuseWhatIsNotAV2Batch() throws {
        var bytes = try Self.sample().bytes
        bytes.setInteger(Int8(1), at: 16)
        #expect(throws: RecordBatchError.unsupportedMagic(1)) { try bytes.setRecordBatchBaseOffset(1, batchAt: 0) }
        var short = try Self.sample().bytes
        short.moveWriterIndex(to: 70)
        #expect(throws: KafkaProtocolError.self) { try short.setRecordBatchPartitionLeaderEpoch(1, batchAt: 0) }
    }

    @Test func attributeBits() {
        var attributes = RecordBatchAttributes(rawValue: 0)
        attributes.setCodec(.zstd)
        attributes.timestampType = .logAppendTime
        attributes.isTransactional = true
        attributes.isControl = true
        attributes.hasDeleteHorizon = true
        #expect(attributes.rawValue == 0x04 | 0x08 | 0x10 | 0x20 | 0x40)
        #expect(attributes == RecordBatchAttributes(
            codec: .zstd, timestampType: .logAppendTime, isTransactional: true, isControl: true,
            hasDeleteHorizon: true))
        attributes.setCodec(.gzip)
        attributes.isControl = false
        #expect(attributes.rawValue == 0x01 | 0x08 | 0x10 | 0x40)
        #expect(RecordBatchAttributes(rawValue: 0x0107).codec == nil)
        #expect(RecordBatchAttributes(rawValue: 0x0107).compressionCodecID == 7)
        var header = RecordBatchHeader(attributes: attributes, baseTimestamp: 77)
        #expect(header.deleteHorizon == 77)
        header.attributes.hasDeleteHorizon = false
        #expect(header.deleteHorizon == nil)
    }

    @Test func lastSequenceWrapsLikeProducers() {
        #expect(RecordBatchHeader(lastOffsetDelta: 4, baseSequence: 10).lastSequence == 14)
        #expect(RecordBatchHeader(lastOffsetDelta: 4, baseSequence: Int32.max - 1).lastSequence == 2)
        #expect(RecordBatchHeader(lastOffsetDelta: 4, baseSequence: -1).lastSequence == -1)
    }
}
