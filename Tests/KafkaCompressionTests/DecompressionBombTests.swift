import KafkaCompression
import KafkaProtocol
import NIOCore
import Testing

/// 1 GiB of zeros in each codec, decoded with a 1 MiB limit: it must fail with the limit error and without the
/// process ever holding anything close to 1 GiB.
@Suite struct DecompressionBombTests {
    static let limit = Samples.mebibyte
    static let gibibyte = 1024 * Samples.mebibyte

    /// A valid stream that decodes to 1 GiB of zeros: 1024 concatenated members/frames of 1 MiB each, so the
    /// test never has to hold 1 GiB itself. The limit is one byte short of the first member, so it is hit both
    /// inside a single frame and long before the end of the stream.
    @Test(arguments: [CompressionCodec.gzip, .lz4, .zstd])
    func gibibyteOfZerosIsRejected(codec: CompressionCodec) throws {
        let member = try KafkaCompressor.compress(Samples.zeros(Samples.mebibyte), codec: codec, level: 1)
        let bomb = member.repeated(Self.gibibyte / Samples.mebibyte)
        for limit in [Self.limit - 1, 16 * Self.limit] {
            #expect(throws: CompressionError.outputLimitExceeded(codec: codec, limit: limit)) {
                try KafkaCompressor.decompress(bomb, codec: codec, maxOutputBytes: limit)
            }
        }
        #expect(peakResidentBytes() < 768 * Samples.mebibyte)
    }

    /// One zstd frame of 1 GiB of zeros, written by hand per RFC 8878: a 128 KiB window, then 8192 RLE blocks of
    /// 128 KiB, each 4 bytes (3-byte header: size << 3 | type RLE << 1 | last, then the byte to repeat).
    static func zstdZerosFrame(blocks: Int, declaresContentSize: Bool) -> ByteBuffer {
        var frame = ByteBuffer(bytes: [0x28, 0xB5, 0x2F, 0xFD])
        // Descriptor: 8-byte content size (0xC0) or none (0x00); never single-segment, so a window byte follows:
        // exponent 7, mantissa 0, i.e. 2^(10 + 7) = 128 KiB.
        frame.writeBytes([declaresContentSize ? 0xC0 : 0x00, 0x38])
        if declaresContentSize {
            frame.writeInteger(UInt64(blocks * 128 * 1024), endianness: .little)
        }
        for index in 0..<blocks {
            let header = UInt32(128 * 1024) << 3 | 1 << 1 | (index == blocks - 1 ? 1 : 0)
            frame.writeBytes([UInt8(header & 0xFF), UInt8(header >> 8 & 0xFF), UInt8(header >> 16), 0x00])
        }
        return frame
    }

    @Test func handWrittenZstdFrameIsValid() throws {
        for declared in [true, false] {
            let frame = Self.zstdZerosFrame(blocks: 8, declaresContentSize: declared)
            let restored = try KafkaCompressor.decompress(frame, codec: .zstd, maxOutputBytes: Samples.mebibyte)
            #expect(restored == Samples.zeros(Samples.mebibyte))
        }
    }

    /// With a declared content size the frame is refused from its header; without one, by the streaming limit.
    @Test(arguments: [true, false])
    func singleZstdFrameOfAGibibyteIsRejected(declaresContentSize: Bool) throws {
        let bomb = Self.zstdZerosFrame(blocks: Self.gibibyte / (128 * 1024), declaresContentSize: declaresContentSize)
        #expect(throws: CompressionError.outputLimitExceeded(codec: .zstd, limit: Self.limit)) {
            try KafkaCompressor.decompress(bomb, codec: .zstd, maxOutputBytes: Self.limit)
        }
        #expect(peakResidentBytes() < 768 * Samples.mebibyte)
    }

    /// A single-segment frame's window is its declared content size; 1 GiB of it must not be allocated.
    @Test func zstdSingleSegmentWindowIsNotAllocated() throws {
        var frame = ByteBuffer(bytes: [0x28, 0xB5, 0x2F, 0xFD, 0xE0])
        frame.writeInteger(UInt64(Self.gibibyte), endianness: .little)
        frame.writeBytes([0x03, 0x00, 0x10, 0x00])
        #expect(throws: CompressionError.self) {
            try KafkaCompressor.decompress(frame, codec: .zstd, maxOutputBytes: Self.limit)
        }
        #expect(peakResidentBytes() < 768 * Samples.mebibyte)
    }

    /// A raw snappy block announcing 1 GiB is refused from its length prefix alone.
    @Test func snappyAnnouncedLengthIsCheckedBeforeAllocating() throws {
        let announcesGibibyte = ByteBuffer(bytes: [0x80, 0x80, 0x80, 0x80, 0x04, 0x00, 0x00])
        #expect(throws: CompressionError.outputLimitExceeded(codec: .snappy, limit: Self.limit)) {
            try KafkaCompressor.decompress(announcesGibibyte, codec: .snappy, maxOutputBytes: Self.limit)
        }
        var framed = xerialHeader()
        framed.writeInteger(UInt32(announcesGibibyte.readableBytes))
        framed.writeImmutableBuffer(announcesGibibyte)
        #expect(throws: CompressionError.outputLimitExceeded(codec: .snappy, limit: Self.limit)) {
            try KafkaCompressor.decompress(framed, codec: .snappy, maxOutputBytes: Self.limit)
        }
    }

    /// Many honest 32 KiB xerial blocks of zeros (a snappy block cannot shrink 1 GiB below ~48 MiB, so this one
    /// stops at 64 MiB): the running total is checked block by block.
    @Test func snappyXerialBlocksAddUpAgainstTheLimit() throws {
        let oneBlock = try KafkaCompressor.compress(Samples.zeros(32 * 1024), codec: .snappy)
        let blockOnly = oneBlock.getSlice(at: 16, length: oneBlock.readableBytes - 16) ?? ByteBuffer()
        var bomb = xerialHeader()
        bomb.writeImmutableBuffer(blockOnly.repeated(64 * Samples.mebibyte / (32 * 1024)))
        #expect(throws: CompressionError.outputLimitExceeded(codec: .snappy, limit: Self.limit)) {
            try KafkaCompressor.decompress(bomb, codec: .snappy, maxOutputBytes: Self.limit)
        }
        #expect(peakResidentBytes() < 768 * Samples.mebibyte)
    }

    private func xerialHeader() -> ByteBuffer {
        var header = ByteBuffer(bytes: [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00])
        header.writeInteger(UInt32(1))
        header.writeInteger(UInt32(1))
        return header
    }
}
