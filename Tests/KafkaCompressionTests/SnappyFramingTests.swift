import KafkaProtocol
import NIOCore
import Testing

@testable import KafkaCompression

@Suite struct SnappyFramingTests {
    /// snappy-java's SnappyOutputStream layout, which Kafka's Java client reads back: header, then one
    /// length-prefixed raw block per 32 KiB of input.
    @Test func encoderWritesXerialFramingWith32KiBBlocks() throws {
        let input = Samples.random(100_000)
        var framed = try KafkaCompressor.compress(input, codec: .snappy)
        #expect(framed.readBytes(length: 8) == XerialSnappy.magic)
        #expect(framed.readInteger(as: Int32.self) == 1)
        #expect(framed.readInteger(as: Int32.self) == 1)
        var blocks: [Int] = []
        while framed.readableBytes > 0 {
            let length = framed.readInteger(as: Int32.self)
            let block = try #require(length.flatMap { framed.readSlice(length: Int($0)) })
            let decoded = try KafkaCompressor.decompress(block, codec: .snappy, maxOutputBytes: 1 << 20)
            blocks.append(decoded.readableBytes)
        }
        #expect(blocks == [32_768, 32_768, 32_768, 1_696])
    }

    @Test func emptyInputIsHeaderOnly() throws {
        let framed = try KafkaCompressor.compress(ByteBuffer(), codec: .snappy)
        #expect(framed.readableBytes == XerialSnappy.headerLength)
        #expect(try KafkaCompressor.decompress(framed, codec: .snappy, maxOutputBytes: 0).readableBytes == 0)
    }

}
