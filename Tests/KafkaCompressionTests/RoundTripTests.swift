import KafkaCompression
import KafkaProtocol
import NIOCore
import Testing

@Suite struct RoundTripTests {
    static let codecs = CompressionCodec.allCases

    @Test(arguments: codecs)
    func roundTripsEverySample(codec: CompressionCodec) throws {
        for (name, input) in Samples.roundTripInputs {
            let compressed = try KafkaCompressor.compress(input, codec: codec)
            let restored = try KafkaCompressor.decompress(
                compressed, codec: codec, maxOutputBytes: input.readableBytes)
            #expect(restored == input, "\(codec.name): \(name)")
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func compressesRepetitiveInput(codec: CompressionCodec) throws {
        let input = Samples.repetitive(Samples.mebibyte)
        let compressed = try KafkaCompressor.compress(input, codec: codec)
        #expect(compressed.readableBytes < input.readableBytes / 3)
    }

    @Test(arguments: [
        (CompressionCodec.gzip, 1), (.gzip, 9), (.gzip, -1), (.lz4, 1), (.lz4, 9), (.lz4, 17), (.zstd, -5), (.zstd, 1),
        (.zstd, 19),
    ])
    func roundTripsAtLevel(codec: CompressionCodec, level: Int) throws {
        let input = Samples.repetitive(256 * 1024)
        let compressed = try KafkaCompressor.compress(input, codec: codec, level: level)
        #expect(try KafkaCompressor.decompress(compressed, codec: codec, maxOutputBytes: 1 << 20) == input)
    }

    @Test(arguments: [(CompressionCodec.gzip, 10), (.gzip, -2), (.lz4, 18), (.lz4, -1), (.zstd, 23)])
    func rejectsUnknownLevel(codec: CompressionCodec, level: Int) throws {
        let error = #expect(throws: CompressionError.self) {
            try KafkaCompressor.compress(Samples.repetitive(100), codec: codec, level: level)
        }
        guard case .invalidLevel(codec, level, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
    }

    @Test func decompressesTheReadableBytesOnly() throws {
        var framed = ByteBuffer(bytes: [0xAA, 0xBB])
        framed.writeImmutableBuffer(try KafkaCompressor.compress(Samples.repetitive(1000), codec: .zstd))
        framed.moveReaderIndex(forwardBy: 2)
        #expect(try KafkaCompressor.decompress(framed, codec: .zstd, maxOutputBytes: 1000) == Samples.repetitive(1000))
    }

    @Test func outputExactlyAtTheLimitIsAccepted() throws {
        let input = Samples.repetitive(100_000)
        for codec in CompressionCodec.allCases {
            let compressed = try KafkaCompressor.compress(input, codec: codec)
            #expect(try KafkaCompressor.decompress(compressed, codec: codec, maxOutputBytes: 100_000) == input)
            #expect(throws: CompressionError.outputLimitExceeded(codec: codec, limit: 99_999)) {
                try KafkaCompressor.decompress(compressed, codec: codec, maxOutputBytes: 99_999)
            }
        }
    }

    @Test func concatenatedStreamsDecodeAsOne() throws {
        let part = Samples.repetitive(10_000)
        for codec in [CompressionCodec.gzip, .lz4, .zstd] {
            let compressed = try KafkaCompressor.compress(part, codec: codec).repeated(3)
            let restored = try KafkaCompressor.decompress(compressed, codec: codec, maxOutputBytes: 30_000)
            #expect(restored == part.repeated(3), "\(codec.name)")
        }
    }
}
