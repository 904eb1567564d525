import KafkaProtocol
import NIOCore
import Testing

/// Lengths and counts that the bytes do not back must fail before anything is sized from them.
@Suite struct HostileRecordTests {
    /// A v2 batch around `section` with a claimed `recordCount`, CRC correct.
    static func batch(section: ByteBuffer, recordCount: Int32) throws -> RecordBatch {
        var buffer = ByteBuffer()
        RecordBatchHeader(recordCount: recordCount).write(into: &buffer)
        buffer.writeImmutableBuffer(section)
        buffer.setInteger(Int32(buffer.readableBytes - 12), at: 8)
        try buffer.updateRecordBatchCRC(batchAt: 0)
        return try RecordBatch(bytes: buffer)
    }

    static func record(_ build: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var body = ByteBuffer()
        build(&body)
        var record = ByteBuffer()
        record.writeVarint(Int32(body.readableBytes))
        record.writeImmutableBuffer(body)
        return record
    }

    /// A record whose body is attributes, timestamp delta and offset delta (all 0) followed by `rest`.
    static func record(after rest: [Int32]) -> ByteBuffer {
        record { body in
            body.writeInteger(Int8(0))
            body.writeVarlong(0)
            body.writeVarint(0)
            for value in rest { body.writeVarint(value) }
        }
    }

    static func raw(length: Int32, padding: Int) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeVarint(length)
        buffer.writeRepeatingByte(0, count: padding)
        return buffer
    }

    @Test func aHugeRecordCountIsNotTrusted() throws {
        let one = Self.record(after: [-1, -1, 0])
        let batch = try Self.batch(section: one, recordCount: Int32.max)
        var iterator = try batch.records()
        #expect(throws: KafkaProtocolError.self) { try iterator.collect() }
        #expect(throws: RecordBatchError.self) { try Self.batch(section: one, recordCount: -1) }
    }

    @Test func leftoverBytesAfterTheDeclaredCountAreCorrupt() throws {
        var section = ByteBuffer()
        for _ in 0..<2 {
            section.writeImmutableBuffer(Self.record(after: [-1, -1, 0]))
        }
        var iterator = try Self.batch(section: section, recordCount: 1).records()
        #expect(throws: RecordBatchError.self) { try iterator.collect() }
    }

    @Test func claimedLengthsBeyondTheBytesThrow() throws {
        let cases: [(String, ByteBuffer)] = [
            ("key length", Self.record(after: [Int32.max])),
            ("negative key length", Self.record(after: [-2])),
            ("header count", Self.record(after: [-1, -1, Int32.max])),
            ("negative header count", Self.record(after: [-1, -1, -5])),
            ("null header key", Self.record(after: [-1, -1, 1, -1, -1])),
            ("header value length", Self.record(after: [-1, -1, 1, 0, 1_000])),
            ("record length", Self.raw(length: 1_000_000, padding: 10)),
            ("record shorter than its fields", Self.raw(length: 2, padding: 2)),
            ("unterminated varint", ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])),
        ]
        for (name, section) in cases {
            var iterator = try Self.batch(section: section, recordCount: 1).records()
            #expect(throws: (any Error).self, "\(name)") { try iterator.collect() }
        }
    }

    @Test func aRecordWithSpareBytesInsideItsLengthIsCorrupt() throws {
        // Null key, null value, no headers, then one byte the declared length covers but no field uses.
        let section = Self.record(after: [-1, -1, 0, 0])
        var iterator = try Self.batch(section: section, recordCount: 1).records()
        #expect(throws: RecordBatchError.self) { try iterator.collect() }
    }
}
