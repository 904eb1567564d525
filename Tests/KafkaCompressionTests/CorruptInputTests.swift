import KafkaCompression
import KafkaProtocol
import NIOCore
import Testing

@Suite struct CorruptInputTests {
    static let samples: [(CompressionCodec, ByteBuffer)] = [
        (.gzip, Fixtures.gzip), (.lz4, Fixtures.lz4), (.zstd, Fixtures.zstd), (.snappy, Fixtures.snappyRaw),
        (.snappy, Fixtures.snappyXerial),
    ]

    @Test(arguments: samples)
    func everyTruncationThrows(codec: CompressionCodec, compressed: ByteBuffer) {
        // xerial framing has no end marker: cut right after the header or after a whole block, what is left is
        // a shorter valid stream (16 bytes of header; the fixture's first block ends at byte 70).
        let validPrefixes: Set<Int> = compressed == Fixtures.snappyXerial ? [16, 70] : []
        for length in 0..<compressed.readableBytes where !validPrefixes.contains(length) {
            let prefix = compressed.getSlice(at: compressed.readerIndex, length: length) ?? ByteBuffer()
            #expect(throws: CompressionError.self, "\(codec.name) cut at \(length)") {
                try KafkaCompressor.decompress(prefix, codec: codec, maxOutputBytes: 1 << 20)
            }
        }
    }

    /// Streams that end early report truncation rather than corruption; raw snappy blocks carry no framing to
    /// tell the two apart.
    @Test(arguments: [
        (CompressionCodec.gzip, Fixtures.gzip), (.lz4, Fixtures.lz4), (.zstd, Fixtures.zstd),
        (.snappy, Fixtures.snappyXerial),
    ])
    func droppingTheEndIsReportedAsTruncation(codec: CompressionCodec, compressed: ByteBuffer) {
        let prefix = compressed.getSlice(at: compressed.readerIndex, length: compressed.readableBytes - 3) ?? ByteBuffer()
        #expect(throws: CompressionError.truncatedInput(codec: codec)) {
            try KafkaCompressor.decompress(prefix, codec: codec, maxOutputBytes: 1 << 20)
        }
    }

    @Test(arguments: [CompressionCodec.gzip, .snappy, .lz4, .zstd])
    func randomBytesThrow(codec: CompressionCodec) {
        for seed in 0..<64 as Range<UInt64> {
            let garbage = Samples.random(Int(seed % 40) + 1 + Int(seed) * 13, seed: seed)
            #expect(throws: CompressionError.self, "\(codec.name) seed \(seed)") {
                try KafkaCompressor.decompress(garbage, codec: codec, maxOutputBytes: 1 << 20)
            }
        }
    }

    /// Damage anywhere either decodes to something or throws a CompressionError: never a crash, never another error.
    @Test(arguments: samples)
    func flippedBytesFailCleanly(codec: CompressionCodec, compressed: ByteBuffer) {
        for position in 0..<compressed.readableBytes {
            for mask: UInt8 in [0x01, 0x80, 0xFF] {
                do {
                    _ = try KafkaCompressor.decompress(
                        flipped(compressed, at: position, mask: mask), codec: codec, maxOutputBytes: 1 << 20)
                } catch is CompressionError {
                } catch {
                    Issue.record("\(codec.name) flip at \(position): \(error)")
                }
            }
        }
    }

    /// An lz4 frame with a content checksum never decodes damaged bytes into different text. (A flip may still
    /// decode to the same text: the last sequence's match-length bits, for one, are never read.)
    @Test func lz4ContentChecksumCatchesEveryChangeInOutput() {
        for position in 0..<Fixtures.lz4.readableBytes {
            for mask: UInt8 in [0x01, 0x10, 0x80] {
                let damaged = flipped(Fixtures.lz4, at: position, mask: mask)
                if let restored = try? KafkaCompressor.decompress(damaged, codec: .lz4, maxOutputBytes: 1 << 20) {
                    #expect(String(buffer: restored) == Fixtures.plain, "flip \(mask) at \(position)")
                }
            }
        }
    }

    private func flipped(_ buffer: ByteBuffer, at position: Int, mask: UInt8) -> ByteBuffer {
        var damaged = buffer
        let index = damaged.readerIndex + position
        damaged.setInteger((damaged.getInteger(at: index, as: UInt8.self) ?? 0) ^ mask, at: index)
        return damaged
    }

    @Test func trailingGarbageAfterAGzipMemberThrows() {
        var input = Fixtures.gzip
        input.writeBytes([0x00, 0x01, 0x02, 0x03])
        #expect(throws: CompressionError.self) {
            try KafkaCompressor.decompress(input, codec: .gzip, maxOutputBytes: 1 << 20)
        }
    }

    @Test func zeroLengthXerialBlockIsCorrupt() {
        var input = Fixtures.snappyXerial.getSlice(at: 0, length: 16) ?? ByteBuffer()
        input.writeInteger(UInt32(0))
        #expect(throws: CompressionError.corruptInput(codec: .snappy, detail: "xerial block length 0")) {
            try KafkaCompressor.decompress(input, codec: .snappy, maxOutputBytes: 1 << 20)
        }
    }
}
