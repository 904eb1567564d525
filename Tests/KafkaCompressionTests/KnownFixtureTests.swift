import KafkaCompression
import KafkaProtocol
import NIOCore
import Testing

@Suite struct KnownFixtureTests {
    @Test(arguments: [
        (CompressionCodec.gzip, Fixtures.gzip), (.lz4, Fixtures.lz4), (.zstd, Fixtures.zstd),
        (.snappy, Fixtures.snappyRaw), (.snappy, Fixtures.snappyXerial),
    ])
    func decodesOutputOfRealTools(codec: CompressionCodec, compressed: ByteBuffer) throws {
        let restored = try KafkaCompressor.decompress(compressed, codec: codec, maxOutputBytes: 1 << 20)
        #expect(String(buffer: restored) == Fixtures.plain)
    }

    @Test func legacyLZ4HeaderChecksumNeedsTheFlag() throws {
        #expect(throws: CompressionError.self) {
            try KafkaCompressor.decompress(Fixtures.lz4LegacyHeaderChecksum, codec: .lz4, maxOutputBytes: 1 << 20)
        }
        let restored = try KafkaCompressor.decompress(
            Fixtures.lz4LegacyHeaderChecksum, codec: .lz4, maxOutputBytes: 1 << 20, legacyLZ4HeaderChecksum: true)
        #expect(String(buffer: restored) == Fixtures.plain)
    }

    @Test func legacyFlagStillReadsCorrectHeaders() throws {
        let restored = try KafkaCompressor.decompress(
            Fixtures.lz4, codec: .lz4, maxOutputBytes: 1 << 20, legacyLZ4HeaderChecksum: true)
        #expect(String(buffer: restored) == Fixtures.plain)
    }

    @Test func noneIsTheIdentityWithinTheLimit() throws {
        let input = ByteBuffer(string: Fixtures.plain)
        #expect(try KafkaCompressor.decompress(input, codec: .none, maxOutputBytes: 180) == input)
        #expect(throws: CompressionError.outputLimitExceeded(codec: .none, limit: 179)) {
            try KafkaCompressor.decompress(input, codec: .none, maxOutputBytes: 179)
        }
    }

    @Test func crc32IEEEMatchesTheStandardCheckValue() {
        #expect(crc32IEEE(ByteBuffer(string: "123456789")) == 0xCBF4_3926)
        #expect(crc32IEEE(ByteBuffer()) == 0)
    }
}
