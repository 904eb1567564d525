import KafkaProtocol
import NIOCore
import Testing

/// The varint readers after they moved to one pass over raw bytes: values, sizes and errors as before.
@Suite struct VarintTests {
    static let int32Samples: [Int32] = [0, 1, -1, 63, -64, 64, -65, 8191, -8192, 8192, 1 << 20, Int32.max, Int32.min]
    static let int64Samples: [Int64] = [0, 1, -1, 1 << 35, -(1 << 35), Int64.max, Int64.min]

    @Test(arguments: int32Samples)
    func varintRoundTrip(_ value: Int32) throws {
        var buffer = ByteBuffer()
        buffer.writeVarint(value)
        #expect(buffer.readableBytes == ByteBuffer.varintSize(value))
        buffer.writeInteger(UInt8(0xEE))  // a following byte must stay unread
        #expect(try buffer.readVarint() == value)
        #expect(buffer.readableBytes == 1)
    }

    @Test(arguments: int64Samples)
    func varlongRoundTrip(_ value: Int64) throws {
        var buffer = ByteBuffer()
        buffer.writeVarlong(value)
        #expect(buffer.readableBytes == ByteBuffer.varlongSize(value))
        #expect(try buffer.readVarlong() == value)
        #expect(buffer.readableBytes == 0)
    }

    @Test func unsignedVarintRoundTrip() throws {
        for value: UInt32 in [0, 127, 128, 16_383, 16_384, UInt32.max] {
            var buffer = ByteBuffer()
            buffer.writeUnsignedVarint(value)
            #expect(buffer.readableBytes == ByteBuffer.unsignedVarintSize(value))
            #expect(try buffer.readUnsignedVarint() == value)
        }
    }

    @Test func truncatedAndOverlongInputThrowWithoutMoving() throws {
        var truncated = ByteBuffer(bytes: [0x80, 0x80])
        #expect(throws: KafkaProtocolError.truncated(what: "varint", needed: 3, available: 2)) {
            try truncated.readVarint()
        }
        #expect(truncated.readerIndex == 0)
        var empty = ByteBuffer()
        #expect(throws: KafkaProtocolError.truncated(what: "varlong", needed: 1, available: 0)) {
            try empty.readVarlong()
        }
        var overlong = ByteBuffer(bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        #expect(throws: KafkaProtocolError.invalidValue(what: "varint", detail: "longer than 5 bytes")) {
            try overlong.readVarint()
        }
        #expect(overlong.readerIndex == 0)
        var overlongLong = ByteBuffer(repeating: 0xFF, count: 11)
        #expect(throws: KafkaProtocolError.invalidValue(what: "varlong", detail: "longer than 10 bytes")) {
            try overlongLong.readVarlong()
        }
    }

    @Test func readingStartsAtTheReaderIndex() throws {
        var buffer = ByteBuffer(bytes: [0x05, 0x06, 0xAC, 0x02])
        buffer.moveReaderIndex(forwardBy: 2)
        #expect(try buffer.readUnsignedVarint() == 300)
    }
}
