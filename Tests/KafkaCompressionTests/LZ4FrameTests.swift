import KafkaProtocol
import NIOCore
import Testing

@testable import KafkaCompression

@Suite struct LZ4FrameTests {
    @Test func xxHash32MatchesKnownValues() {
        // Reference values from python's xxhash 4.1.0: xxhash.xxh32(b'').intdigest(), xxh32(b'abc').
        #expect(XXHash32.hash([UInt8]()) == 0x02CC_5D05)
        #expect(XXHash32.hash(Array("abc".utf8)) == 0x32D1_53FF)
        // The lz4 CLI ended the fixture frame with the content checksum, xxHash32 of the whole 180-byte text,
        // which exercises the four-lane path.
        #expect(XXHash32.hash(Array(Fixtures.plain.utf8)) == 0xC4F1_9951)
    }

    @Test func headerChecksumMatchesTheLZ4Tool() {
        // FLG 0x64, BD 0x40 → HC 0xA7 in the frame the lz4 CLI wrote.
        #expect(LZ4FrameHeader.checksum(descriptor: [0x64, 0x40]) == 0xA7)
    }

    @Test func legacyPatchRewritesOnlyTheChecksumByte() throws {
        let header = Fixtures.lz4LegacyHeaderChecksum.withUnsafeReadableBytes {
            LZ4FrameHeader.withCorrectedChecksum($0)
        }
        #expect(header == [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7])
    }

    @Test func legacyPatchLeavesOtherInputToLiblz4() {
        let notAFrame = ByteBuffer(bytes: [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08])
        #expect(notAFrame.withUnsafeReadableBytes { LZ4FrameHeader.withCorrectedChecksum($0) } == nil)
        let shortHeader = ByteBuffer(bytes: [0x04, 0x22, 0x4D, 0x18, 0x6C, 0x40, 0x00])  // announces a content size
        #expect(shortHeader.withUnsafeReadableBytes { LZ4FrameHeader.withCorrectedChecksum($0) } == nil)
    }

    /// What Java's KafkaLZ4BlockOutputStream writes and its reader expects: version 01, independent blocks, no
    /// content size, 64 KiB maximum block size, a header checksum over the descriptor.
    @Test func encoderWritesKafkaCompatibleFrames() throws {
        let frame = try KafkaCompressor.compress(Samples.repetitive(200_000), codec: .lz4)
        let bytes = Array(frame.readableBytesView)
        #expect(Array(bytes.prefix(4)) == LZ4FrameHeader.magic)
        #expect(bytes[4] & 0xC0 == 0x40, "version 01")
        #expect(bytes[4] & 0x20 != 0, "independent blocks")
        #expect(bytes[4] & 0x08 == 0, "no content size")
        #expect(bytes[5] == 0x40, "64 KiB blocks")
        #expect(bytes[6] == LZ4FrameHeader.checksum(descriptor: bytes[4...5]))
    }
}
