import KafkaProtocol
import NIOCore
import Testing

@Suite struct PrimitiveTests {
    static let unsignedVectors: [(UInt32, [UInt8])] = [
        (0, [0x00]), (1, [0x01]), (127, [0x7f]), (128, [0x80, 0x01]), (300, [0xac, 0x02]),
        (UInt32.max, [0xff, 0xff, 0xff, 0xff, 0x0f]),
    ]

    static let zigzagVectors: [(Int64, [UInt8])] = [
        (0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (63, [0x7e]), (-64, [0x7f]), (64, [0x80, 0x01]),
        (Int64.min, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]

    @Test(arguments: unsignedVectors)
    func unsignedVarints(value: UInt32, bytes: [UInt8]) throws {
        var buffer = ByteBuffer()
        buffer.writeUnsignedVarint(value)
        #expect(Array(buffer.readableBytesView) == bytes)
        #expect(try buffer.readUnsignedVarint() == value)
        #expect(ByteBuffer.unsignedVarintSize(value) == bytes.count)
    }

    @Test(arguments: zigzagVectors)
    func zigzagVarlongs(value: Int64, bytes: [UInt8]) throws {
        var buffer = ByteBuffer()
        buffer.writeVarlong(value)
        #expect(Array(buffer.readableBytesView) == bytes)
        #expect(try buffer.readVarlong() == value)
        #expect(ByteBuffer.varlongSize(value) == bytes.count)
    }

    @Test func varintsLongerThanTheirTypeAreInvalid() {
        var buffer = ByteBuffer(bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x01])
        #expect(throws: KafkaProtocolError.self) { _ = try buffer.readVarint() }
        var truncated = ByteBuffer(bytes: [0x80])
        #expect(throws: KafkaProtocolError.self) { _ = try truncated.readUnsignedVarint() }
    }

    @Test func claimedLengthsBeyondTheInputThrowWithoutAllocating() {
        // An int32 array count of 2^31-1 backed by four bytes.
        var array = ByteBuffer(bytes: [0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 1])
        #expect(throws: KafkaProtocolError.self) {
            _ = try array.readKafkaArray(compact: false) { try $0.readKafkaInt32() }
        }
        var string = ByteBuffer(bytes: [0x7f, 0xff, 0x41])
        #expect(throws: KafkaProtocolError.self) { _ = try string.readKafkaString(compact: false) }
        var bytes = ByteBuffer(bytes: [0xff, 0xff, 0xff, 0xff, 0x0f])
        #expect(throws: KafkaProtocolError.self) { _ = try bytes.readKafkaBytes(compact: true) }
        var negative = ByteBuffer(bytes: [0xff, 0xff, 0xff, 0xfe])
        #expect(throws: KafkaProtocolError.self) { _ = try negative.readKafkaNullableBytes(compact: false) }
    }

    @Test func nullAndEmptyStringsAreDistinct() throws {
        for compact in [false, true] {
            var buffer = ByteBuffer()
            buffer.writeKafkaNullableString(nil, compact: compact)
            buffer.writeKafkaString("", compact: compact)
            #expect(try buffer.readKafkaNullableString(compact: compact) == nil)
            #expect(try buffer.readKafkaNullableString(compact: compact) == "")
        }
    }

    @Test func uuidsPrintLikeKafka() throws {
        // Kafka prints topic ids as URL-safe base64 without padding.
        let id = KafkaUUID(mostSignificantBits: 0x1234_5678_9ABC_DEF0, leastSignificantBits: 0x0FED_CBA9_8765_4321)
        #expect(id.base64 == "EjRWeJq83vAP7cuph2VDIQ")
        #expect(KafkaUUID(base64: id.base64) == id)
        #expect(KafkaUUID.zero.base64 == "AAAAAAAAAAAAAAAAAAAAAA")
        #expect(KafkaUUID(base64: "not a uuid") == nil)
        var buffer = ByteBuffer()
        buffer.writeKafkaUUID(id)
        #expect(try buffer.readKafkaUUID() == id)
    }
}
