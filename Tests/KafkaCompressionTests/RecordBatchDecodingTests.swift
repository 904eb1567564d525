import KafkaCompression
import KafkaProtocol
import NIOCore
import Testing

/// The front door: any captured blob, whatever its codec or format, decodes to the records the client sent.
@Suite struct RecordBatchDecodingTests {
    static let limit = 1 << 20

    @Test func fixturesArePresent() {
        #expect(RecordFixture.all.count >= 29)
        #expect(Set(RecordFixture.all.map(\.sent.codec)) == ["none", "gzip", "snappy", "lz4", "zstd"])
    }

    @Test(arguments: RecordFixture.all)
    func everyCapturedBlobDecodesToWhatWasSent(_ fixture: RecordFixture) throws {
        var reader = RecordBatchReader(fixture.bytes)
        var records: [LogRecord] = []
        var entries = 0
        while let entry = try reader.next() {
            entries += 1
            #expect(entry.magic == fixture.sent.magic)
            switch entry {
            case .batch(let batch):
                #expect(batch.crcIsValid)
                #expect(batch.codec.name == fixture.sent.codec)
                #expect(batch.header.producerId == fixture.sent.producerId)
                #expect(batch.header.producerEpoch == fixture.sent.producerEpoch)
                let decoded = try batch.decodeRecords(maxDecompressedBytes: Self.limit)
                #expect(decoded.count == Int(batch.header.recordCount))
                #expect(decoded.map(\.offsetDelta) == (0..<Int32(decoded.count)).map { $0 })
            case .legacy(let message):
                #expect(message.crcIsValid)
                #expect(message.codec.name == fixture.sent.codec)
            }
            // verifyCRC defaults to true, so this also checks every legacy inner message's CRC-32.
            records += try entry.decodeLogRecords(maxDecompressedBytes: Self.limit)
        }
        #expect(reader.truncatedTail == nil)
        if let wrappers = fixture.sent.wrapperCount { #expect(entries == wrappers) }
        try #require(records.count == fixture.sent.recordCount)
        try #require(records.count == fixture.sent.records.count)
        for (record, sent) in zip(records, fixture.sent.records) {
            #expect(record.key.map { String(buffer: $0) } == sent.key)
            #expect(record.value.map { String(buffer: $0) } == sent.value)
            #expect(textPairs(record.headers) == sent.headers)
        }
        // Offsets increase by one inside every capture (one batch or one wrapper each).
        #expect(zip(records, records.dropFirst()).allSatisfy { $1.offset == $0.offset + 1 })
    }

    @Test(arguments: RecordFixture.all.filter { $0.sent.magic == 2 && $0.sent.codec != "none" })
    func aDecompressedBatchReEncodesToTheSameRecords(_ fixture: RecordFixture) throws {
        let entries = try RecordBatchReader.entries(of: fixture.bytes)
        guard case .batch(let batch) = entries.first else { throw RecordBatchError.unsupportedMagic(-1) }
        let records = try batch.decodeRecords(maxDecompressedBytes: Self.limit)
        let again = try RecordBatch.encode(
            header: batch.header, records: records, compressor: KafkaCompressor.recordsCompressor())
        #expect(again.crcIsValid)
        #expect(again.codec == batch.codec)
        #expect(try again.decodeRecords(maxDecompressedBytes: Self.limit) == records)
        // The uncompressed sections are identical even though our compressor's bytes may differ from the client's.
        #expect(
            try again.uncompressedRecordsSection(maxDecompressedBytes: Self.limit)
                == batch.uncompressedRecordsSection(maxDecompressedBytes: Self.limit))
    }

    @Test(arguments: CompressionCodec.allCases)
    func builtBatchesRoundTripWithEveryCodec(_ codec: CompressionCodec) throws {
        var builder = RecordBatchBuilder(codec: codec, producerId: 3, producerEpoch: 0, baseSequence: 0)
        for index in 0..<500 {
            try builder.append(
                key: ByteBuffer(string: "key-\(index % 7)"),
                value: ByteBuffer(string: String(repeating: "value \(index) ", count: 8)),
                headers: index % 2 == 0 ? [RecordHeader(key: "n", value: "\(index)")] : [],
                timestamp: 1_700_000_000_000 + Int64(index))
        }
        let batch = try builder.build(compressor: KafkaCompressor.recordsCompressor())
        #expect(batch.codec == codec)
        #expect(batch.crcIsValid)
        if codec != .none { #expect(batch.sizeInBytes < builder.uncompressedSizeInBytes / 2) }
        let records = try batch.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.count == 500)
        #expect(records.map(\.offset) == (0..<500).map(Int64.init))
        #expect(records[499].timestamp == 1_700_000_000_499)
        #expect(records[10].key == ByteBuffer(string: "key-3"))
        #expect(textPairs(records[10].headers) == [["n", "10"]])
        #expect(records[11].headers.isEmpty)
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func decompressionIsBoundedByTheLimit(_ codec: CompressionCodec) throws {
        // 2 MiB of zeros in one record compresses to a few KiB: a small bomb.
        var builder = RecordBatchBuilder(codec: codec)
        try builder.append(key: nil, value: ByteBuffer(repeating: 0, count: 2 << 20), timestamp: 0)
        let batch = try builder.build(compressor: KafkaCompressor.recordsCompressor())
        #expect(batch.sizeInBytes < 200_000)
        #expect(throws: CompressionError.outputLimitExceeded(codec: codec, limit: Self.limit)) {
            try batch.decodeRecords(maxDecompressedBytes: Self.limit)
        }
        #expect(try batch.decodeRecords(maxDecompressedBytes: 4 << 20).count == 1)
    }

    @Test func aWrongCRCStopsDecodingUnlessTheCallerOptsOut() throws {
        let fixture = try #require(RecordFixture.all.first { $0.name == "kcat216_zstd" })
        var bytes = fixture.bytes
        bytes.setInteger(UInt32(0), at: 17)
        let batch = try RecordBatch(bytes: bytes)
        #expect(throws: RecordBatchError.self) { try batch.decodeRecords(maxDecompressedBytes: Self.limit) }
        #expect(try batch.decodeRecords(maxDecompressedBytes: Self.limit, verifyCRC: false).count == 5)
    }

    @Test func randomCompressedSectionsNeverCrash() throws {
        var generator = SplitMix64(state: 7)
        let seeds = RecordFixture.all.filter { $0.sent.codec != "none" }.map(\.bytes)
        for round in 0..<2000 {
            var input = seeds[round % seeds.count]
            for _ in 0..<(1 + generator.next() % 3) {
                // Damage the records section (after the 61-byte header for v2).
                let index = 61 + Int(generator.next() % UInt64(input.readableBytes - 61))
                input.setInteger(UInt8(truncatingIfNeeded: generator.next()), at: index)
            }
            var reader = RecordBatchReader(input)
            while let entry = try? reader.next() {
                _ = try? entry.decodeLogRecords(maxDecompressedBytes: 1 << 16, verifyCRC: false)
            }
        }
    }
}
