import KafkaProtocol
import NIOCore
import Testing

@Suite struct RecordBatchBuilderTests {
    @Test func producerBatchFields() throws {
        var builder = RecordBatchBuilder(producerId: 9, producerEpoch: 2, baseSequence: 100, isTransactional: true)
        try builder.append(key: nil, value: ByteBuffer(string: "a"), timestamp: 2_000)
        try builder.append(
            key: ByteBuffer(string: "k"), value: nil,
            headers: [RecordHeader(key: "h", value: "1"), RecordHeader(key: "n", value: nil as ByteBuffer?)],
            timestamp: 1_990)
        try builder.append(key: ByteBuffer(), value: ByteBuffer(), timestamp: 2_010)
        let batch = try builder.build()
        let header = batch.header
        #expect(batch.crcIsValid)
        #expect(header.magic == 2)
        #expect(header.recordCount == 3)
        #expect(header.lastOffsetDelta == 2)
        #expect(header.baseTimestamp == 2_000)
        #expect(header.maxTimestamp == 2_010)
        #expect(header.producerId == 9 && header.producerEpoch == 2 && header.baseSequence == 100)
        #expect(header.isTransactional && !header.isControl)
        #expect(header.partitionLeaderEpoch == -1)
        #expect(batch.sizeInBytes == builder.uncompressedSizeInBytes)

        var iterator = try batch.records()
        let records = try iterator.collect()
        #expect(records.map(\.offsetDelta) == [0, 1, 2])
        #expect(records.map(\.timestampDelta) == [0, -10, 10])
        #expect(records[0].key == nil && records[0].value == ByteBuffer(string: "a"))
        #expect(records[1].value == nil)
        #expect(headerPairs(records[1].headers) == [["h", "1"], ["n", "<null>"]])
        #expect(records[1].headers.values(forKey: "h") == [ByteBuffer(string: "1")])
        // Empty is not null.
        #expect(records[2].key == ByteBuffer() && records[2].value == ByteBuffer())
        // A record re-encoded on its own has the size the builder gave it.
        #expect(records.map(\.encodedSize).reduce(0, +) == batch.sizeInBytes - RecordBatchHeader.size)
    }

    @Test func takeBatchFinishesInPlaceWithTheSameBytesAsWrite() throws {
        for capacity in [0, 64, 16384] {
            var builder = RecordBatchBuilder(producerId: 7, producerEpoch: 1, baseSequence: 5, capacity: capacity)
            for index in 0..<50 {
                try builder.append(
                    key: index % 3 == 0 ? nil : ByteBuffer(string: "k\(index)"),
                    value: ByteBuffer(repeating: UInt8(index), count: index * 7),
                    headers: index % 5 == 0 ? [RecordHeader(key: "h", value: "v")] : [], timestamp: 1_000 + Int64(index))
            }
            var expected = ByteBuffer()
            try builder.write(into: &expected)
            let size = builder.uncompressedSizeInBytes
            let taken = try builder.takeBatch()
            #expect(taken == expected)
            #expect(taken.readableBytes == size)
            #expect(try RecordBatch(bytes: taken).crcIsValid)
        }
    }

    @Test func takeBatchCompressesThroughTheCompressor() throws {
        var builder = RecordBatchBuilder(codec: .lz4, capacity: 4096)
        try builder.append(key: nil, value: ByteBuffer(string: "x"), timestamp: 1)
        var expected = ByteBuffer()
        let identity: RecordsCompressor = { section, _ in section }
        try builder.write(into: &expected, compressor: identity)
        #expect(try builder.takeBatch(compressor: identity) == expected)
    }

    @Test func anEmptyBuilderMakesAnEmptyBatch() throws {
        let batch = try RecordBatchBuilder().build()
        #expect(batch.header.recordCount == 0)
        #expect(batch.header.baseTimestamp == -1)
        #expect(batch.sizeInBytes == RecordBatchHeader.size)
        var records = try batch.records()
        #expect(try records.next() == nil)
    }

    @Test func compressedBatchesNeedACompressor() throws {
        var builder = RecordBatchBuilder(codec: .gzip)
        try builder.append(key: nil, value: ByteBuffer(string: "x"), timestamp: 1)
        #expect(throws: RecordBatchError.compressorMissing(.gzip)) { try builder.build() }
        // A stand-in compressor shows where the section goes; KafkaCompression supplies the real one.
        let batch = try builder.build { section, codec in
            #expect(codec == .gzip)
            return section
        }
        #expect(batch.codec == .gzip)
        #expect(throws: RecordBatchError.compressedRecords(.gzip)) { try batch.records() }
    }

    @Test func writeAppendsNothingOnError() throws {
        var buffer = ByteBuffer(string: "prefix")
        var header = RecordBatchHeader()
        header.attributes.setCodec(.lz4)
        #expect(throws: RecordBatchError.self) {
            try RecordBatch.write(header: header, records: [Record(offsetDelta: 0, key: nil, value: nil)],
                into: &buffer)
        }
        #expect(buffer == ByteBuffer(string: "prefix"))
    }
}
