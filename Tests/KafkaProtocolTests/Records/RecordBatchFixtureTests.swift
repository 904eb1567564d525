import KafkaProtocol
import NIOCore
import Testing

/// Batches written by real clients decode, and uncompressed ones re-encode to the same bytes.
@Suite struct RecordBatchFixtureTests {
    @Test func fixturesArePresent() {
        // 29 captures from 4 clients; see Fixtures/README.md.
        #expect(BatchFixture.all.count >= 29)
        #expect(BatchFixture.legacy.count == 4)
    }

    @Test(arguments: BatchFixture.v2)
    func v2HeadersMatchTheCapture(_ fixture: BatchFixture) throws {
        var reader = RecordBatchReader(fixture.bytes)
        var batches: [RecordBatch] = []
        while let entry = try reader.next() {
            guard case .batch(let batch) = entry else {
                Issue.record("expected a v2 batch, got magic \(entry.magic)")
                return
            }
            batches.append(batch)
        }
        #expect(reader.truncatedTail == nil)
        try #require(batches.count == fixture.batches.count)
        var total = 0
        for (batch, expected) in zip(batches, fixture.batches) {
            let header = batch.header
            #expect(batch.crcIsValid)
            #expect(batch.computedCRC == header.crc)
            #expect(batch.codec.name == expected.codec)
            #expect(batch.codec.name == fixture.expected.codec)
            #expect(header.baseOffset == expected.baseOffset)
            // The capture's length is the whole batch, log overhead included.
            #expect(header.sizeInBytes == Int(expected.length))
            #expect(header.lastOffsetDelta == expected.lastOffsetDelta)
            #expect(header.baseTimestamp == expected.baseTimestamp)
            #expect(header.maxTimestamp == expected.maxTimestamp)
            #expect(header.producerId == expected.producerId)
            #expect(header.producerEpoch == expected.producerEpoch)
            #expect(header.baseSequence == expected.baseSequence)
            #expect(header.recordCount == expected.recordCount)
            #expect(header.isTransactional == expected.transactional)
            #expect(header.isControl == expected.control)
            #expect(header.timestampType == (expected.timestampType == "create" ? .createTime : .logAppendTime))
            #expect(header.producerId == fixture.expected.producerId)
            #expect(header.producerEpoch == fixture.expected.producerEpoch)
            total += Int(header.recordCount)
        }
        #expect(batches.first?.header.baseSequence == fixture.expected.baseSequence)
        #expect(batches.first?.header.isTransactional == fixture.expected.transactional)
        #expect(total == fixture.expected.recordCount)
    }

    @Test(arguments: BatchFixture.v2Uncompressed)
    func uncompressedRecordsEqualWhatWasSent(_ fixture: BatchFixture) throws {
        var decoded: [(Record, RecordBatchHeader)] = []
        for entry in try RecordBatchReader.entries(of: fixture.bytes) {
            guard case .batch(let batch) = entry else { throw RecordBatchError.unsupportedMagic(entry.magic) }
            var records = try batch.records()
            while let record = try records.next() { decoded.append((record, batch.header)) }
        }
        try #require(decoded.count == fixture.expected.records.count)
        var previousOffset: Int64 = -1
        for ((record, header), sent) in zip(decoded, fixture.expected.records) {
            #expect(record.key == sent.keyBytes)
            #expect(record.value == sent.valueBytes)
            #expect(headerPairs(record.headers) == sent.headers)
            #expect(record.attributes == 0)
            let logRecord = LogRecord(record, in: header)
            #expect(logRecord.offset > previousOffset)
            #expect(logRecord.timestamp >= header.baseTimestamp && logRecord.timestamp <= header.maxTimestamp)
            previousOffset = logRecord.offset
        }
    }

    @Test(arguments: BatchFixture.v2Uncompressed)
    func reEncodingDecodedRecordsGivesTheSameBytes(_ fixture: BatchFixture) throws {
        var reencoded = ByteBuffer()
        for entry in try RecordBatchReader.entries(of: fixture.bytes) {
            guard case .batch(let batch) = entry else { throw RecordBatchError.unsupportedMagic(entry.magic) }
            var iterator = try batch.records()
            let records = try iterator.collect()
            var header = batch.header
            // Fields the encoder computes; zeroing them proves it does.
            header.crc = 0
            header.batchLength = 0
            header.recordCount = 0
            try RecordBatch.write(header: header, records: records, into: &reencoded)
        }
        #expect(reencoded == fixture.bytes)
    }

    @Test(arguments: BatchFixture.legacy.filter { $0.expected.codec == "none" })
    func uncompressedLegacyMessagesDecode(_ fixture: BatchFixture) throws {
        let entries = try RecordBatchReader.entries(of: fixture.bytes)
        #expect(entries.count == fixture.expected.wrapperCount)
        let messages = entries.compactMap { entry -> LegacyMessage? in
            if case .legacy(let message) = entry { return message }
            return nil
        }
        try #require(messages.count == fixture.expected.records.count)
        for (message, sent) in zip(messages, fixture.expected.records) {
            #expect(message.magic == fixture.expected.magic)
            #expect(message.codec == .none)
            #expect(message.key == sent.keyBytes)
            #expect(message.value == sent.valueBytes)
            #expect(message.timestampType == (message.magic == 0 ? .noTimestamp : .createTime))
            #expect((message.timestamp == -1) == (message.magic == 0))
        }
    }

    @Test(arguments: BatchFixture.legacy.filter { $0.expected.codec != "none" })
    func compressedLegacyWrappersParse(_ fixture: BatchFixture) throws {
        let entries = try RecordBatchReader.entries(of: fixture.bytes)
        try #require(entries.count == 1)
        guard case .legacy(let wrapper) = entries[0] else {
            Issue.record("expected a legacy message")
            return
        }
        #expect(wrapper.magic == fixture.expected.magic)
        #expect(wrapper.codec.name == fixture.expected.codec)
        #expect(wrapper.key == nil)
        #expect(wrapper.value != nil)
    }
}
