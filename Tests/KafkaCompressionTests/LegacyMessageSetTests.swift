import KafkaProtocol
import NIOCore
import Testing

@testable import KafkaCompression

/// Legacy message sets (magic 0 and 1) built here, for the cases the captures do not have: wrapper offsets at a
/// real log position, LogAppendTime wrappers, magic-0 lz4, damage.
@Suite struct LegacyMessageSetTests {
    static let limit = 1 << 20

    /// One legacy message with a correct CRC-32.
    static func message(
        offset: Int64, magic: Int8, attributes: Int8 = 0, timestamp: Int64 = 0, key: ByteBuffer?, value: ByteBuffer?
    ) -> ByteBuffer {
        var body = ByteBuffer()
        body.writeInteger(magic)
        body.writeInteger(attributes)
        if magic >= 1 { body.writeInteger(timestamp) }
        body.writeKafkaNullableBytes(key, compact: false)
        body.writeKafkaNullableBytes(value, compact: false)
        var message = ByteBuffer()
        message.writeInteger(offset)
        message.writeInteger(Int32(body.readableBytes + 4))
        message.writeInteger(crc32IEEE(body))
        message.writeImmutableBuffer(body)
        return message
    }

    /// Five inner messages (offsets 0-4, as producers write them) wrapped with `codec`.
    static func wrapper(
        offset: Int64, magic: Int8, codec: CompressionCodec, logAppendTime: Bool = false, timestamp: Int64 = 0,
        innerOffsets: [Int64] = [0, 1, 2, 3, 4], compress: ((ByteBuffer) throws -> ByteBuffer)? = nil
    ) throws -> ByteBuffer {
        var inner = ByteBuffer()
        for (index, innerOffset) in innerOffsets.enumerated() {
            inner.writeImmutableBuffer(message(
                offset: innerOffset, magic: magic, timestamp: 1_000 + Int64(index),
                key: ByteBuffer(string: "k\(index)"), value: ByteBuffer(string: "v\(index)")))
        }
        let compressed = try compress?(inner) ?? KafkaCompressor.compress(inner, codec: codec)
        let attributes = codec.rawValue | (logAppendTime ? 0x08 : 0)
        return message(
            offset: offset, magic: magic, attributes: attributes, timestamp: timestamp, key: nil, value: compressed)
    }

    static func onlyMessage(_ blob: ByteBuffer) throws -> LegacyMessage {
        let entries = try RecordBatchReader.entries(of: blob)
        guard entries.count == 1, case .legacy(let message) = entries[0] else {
            throw RecordBatchError.unsupportedMagic(entries.first?.magic ?? -1)
        }
        return message
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4])
    func magic1InnerOffsetsAreRelativeToTheWrapper(_ codec: CompressionCodec) throws {
        // The broker stores the wrapper at the absolute offset of its last inner message.
        let wrapper = try Self.onlyMessage(Self.wrapper(offset: 104, magic: 1, codec: codec))
        let records = try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.map(\.offset) == [100, 101, 102, 103, 104])
        #expect(records.map(\.timestamp) == [1_000, 1_001, 1_002, 1_003, 1_004])
        #expect(records.allSatisfy { $0.timestampType == .createTime && $0.headers.isEmpty })
        #expect(records.map { $0.key.map { String(buffer: $0) } } == ["k0", "k1", "k2", "k3", "k4"])
    }

    @Test func aLogAppendTimeWrapperGivesItsTimestampToEveryRecord() throws {
        let wrapper = try Self.onlyMessage(
            Self.wrapper(offset: 4, magic: 1, codec: .gzip, logAppendTime: true, timestamp: 9_999))
        let records = try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.allSatisfy { $0.timestamp == 9_999 && $0.timestampType == .logAppendTime })
    }

    @Test func magic0InnerOffsetsAreAbsolute() throws {
        let wrapper = try Self.onlyMessage(
            Self.wrapper(offset: 54, magic: 0, codec: .gzip, innerOffsets: [50, 51, 52, 53, 54]))
        let records = try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.map(\.offset) == [50, 51, 52, 53, 54])
        #expect(records.allSatisfy { $0.timestamp == -1 && $0.timestampType == .noTimestamp })
    }

    @Test func magic0LZ4WithKafkasOldHeaderChecksumDecodes() throws {
        // Kafka 0.8-0.9 hashed the frame magic together with the descriptor; emulate that writer.
        let blob = try Self.wrapper(offset: 4, magic: 0, codec: .lz4) { inner in
            var frame = try KafkaCompressor.compress(inner, codec: .lz4)
            let flags = frame.getInteger(at: 4, as: UInt8.self) ?? 0
            // Descriptor: FLG, BD, then the content size (8) and dictionary id (4) when flagged.
            let end = 6 + (flags & 0x08 != 0 ? 8 : 0) + (flags & 0x01 != 0 ? 4 : 0)
            let hashed = Array(frame.readableBytesView.prefix(end))
            frame.setInteger(UInt8(truncatingIfNeeded: XXHash32.hash(hashed) >> 8), at: end)
            return frame
        }
        let wrapper = try Self.onlyMessage(blob)
        #expect(wrapper.crcIsValid)
        let records = try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.map { $0.value.map { String(buffer: $0) } } == ["v0", "v1", "v2", "v3", "v4"])
    }

    @Test func damageIsDetected() throws {
        var blob = try Self.wrapper(offset: 4, magic: 1, codec: .gzip)
        let last = blob.writerIndex - 1
        blob.setInteger((blob.getInteger(at: last, as: UInt8.self) ?? 0) ^ 0xFF, at: last)
        let wrapper = try Self.onlyMessage(blob)
        #expect(!wrapper.crcIsValid)
        #expect(throws: RecordBatchError.self) { try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit) }
    }

    @Test func nestedCompressionAndMixedMagicsAreRejected() throws {
        let nested = try Self.wrapper(offset: 0, magic: 1, codec: .gzip) { _ in
            try KafkaCompressor.compress(Self.wrapper(offset: 0, magic: 1, codec: .gzip), codec: .gzip)
        }
        #expect(throws: RecordBatchError.self) {
            try Self.onlyMessage(nested).decodeLogRecords(maxDecompressedBytes: Self.limit)
        }
        let mixed = try Self.wrapper(offset: 0, magic: 1, codec: .gzip) { _ in
            try KafkaCompressor.compress(
                Self.message(offset: 0, magic: 0, key: nil, value: ByteBuffer(string: "x")), codec: .gzip)
        }
        #expect(throws: RecordBatchError.self) {
            try Self.onlyMessage(mixed).decodeLogRecords(maxDecompressedBytes: Self.limit)
        }
    }

    @Test func aWrapperBombIsBounded() throws {
        let bomb = try Self.wrapper(offset: 0, magic: 1, codec: .gzip) { _ in
            try KafkaCompressor.compress(ByteBuffer(repeating: 0, count: 4 << 20), codec: .gzip)
        }
        #expect(throws: CompressionError.self) {
            try Self.onlyMessage(bomb).decodeLogRecords(maxDecompressedBytes: Self.limit)
        }
    }

    @Test func zstdIsNotALegacyCodec() throws {
        let blob = Self.message(offset: 0, magic: 1, attributes: 4, key: nil, value: ByteBuffer(string: "x"))
        #expect(throws: RecordBatchError.unsupportedCompressionCodec(id: 4, magic: 1)) {
            try RecordBatchReader.entries(of: blob)
        }
    }

    @Test func aMagic1CaptureKeepsItsProducerOffsets() throws {
        // kafka-python sends the wrapper at offset 0 (the broker assigns real offsets), so relative inner offsets
        // 0-4 come out as -4...0; what matters is that they stay consecutive.
        let fixture = try #require(RecordFixture.all.first { $0.name == "kafkapython_gzip_magic1" })
        let wrapper = try Self.onlyMessage(fixture.bytes)
        let records = try wrapper.decodeLogRecords(maxDecompressedBytes: Self.limit)
        #expect(records.map(\.offset) == [-4, -3, -2, -1, 0].map { wrapper.offset + $0 })
        let inner = try wrapper.innerMessages(maxDecompressedBytes: Self.limit)
        #expect(inner.map(\.offset) == [0, 1, 2, 3, 4])
    }
}
