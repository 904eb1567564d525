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

    @Test func aHugeRecordCountIsNotTrusted() throws {
        let one = Self.record { body in
            body.writeInteger(Int8(0))
            body.writeVarlong(0)
            body.writeVarint(0)
            body.writeVarint(-1)
            body.writeVarint(-1)
            body.writeVarint(0)
        }
        let batch = try Self.batch(section: one, recordCount: Int32.max)
        var iterator = try batch.records()
        #expect(throws: KafkaProtocolError.self) { try iterator.collect() }
        #expect(throws: RecordBatchError.self) { try Self.batch(section: one, recordCount: -1) }
    }

    @Test func leftoverBytesAfterTheDeclaredCountAreCorrupt() throws {
        var section = ByteBuffer()
        for _ in 0..<2 {
            section.writeImmutableBuffer(Self.record { body in
                body.writeInteger(Int8(0))
                body.writeVarlong(0)
                body.writeVarint(0)
                body.writeVarint(-1)
                body.writeVarint(-1)
                body.writeVarint(0)
            })
        }
        var iterator = try Self.batch(section: section, recordCount: 1).records()
        #expect(throws: RecordBatchError.self) { try iterator.collect() }
    }

    @Test func claimedLengthsBeyondTheBytesThrow() throws {
        let cases: [(String, ByteBuffer)] = [
            ("key length", Self.record { $0.writeInteger(Int8(0)); $0.writeVarlong(0); $0.writeVarint(0); $0.writeVarint(Int32.max) }),
            ("negative key length", Self.record { $0.writeInteger(Int8(0)); $0.writeVarlong(0); $0.writeVarint(0); $0.writeVarint(-2) }),
            ("header count", Self.record { body in
                body.writeInteger(Int8(0)); body.writeVarlong(0); body.writeVarint(0); body.writeVarint(-1)
                body.writeVarint(-1); body.writeVarint(Int32.max)
            }),
            ("negative header count", Self.record { body in
                body.writeInteger(Int8(0)); body.writeVarlong(0); body.writeVarint(0); body.writeVarint(-1)
                body.writeVarint(-1); body.writeVarint(-5)
            }),
            ("null header key", Self.record { body in
                body.writeInteger(Int8(0)); body.writeVarlong(0); body.writeVarint(0); body.writeVarint(-1)
                body.writeVarint(-1); body.writeVarint(1); body.writeVarint(-1); body.writeVarint(-1)
            }),
            ("record length", { var b = ByteBuffer(); b.writeVarint(1_000_000); b.writeRepeatingByte(0, count: 10); return b }()),
            ("record shorter than its fields", { var b = ByteBuffer(); b.writeVarint(2); b.writeRepeatingByte(0, count: 2); return b }()),
            ("unterminated varint", ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])),
        ]
        for (name, section) in cases {
            var iterator = try Self.batch(section: section, recordCount: 1).records()
            #expect(throws: (any Error).self, "\(name)") { try iterator.collect() }
        }
    }

    @Test func aRecordWithSpareBytesInsideItsLengthIsCorrupt() throws {
        var section = Self.record { body in
            body.writeInteger(Int8(0)); body.writeVarlong(0); body.writeVarint(0); body.writeVarint(-1)
            body.writeVarint(-1); body.writeVarint(0); body.writeInteger(UInt8(0))
        }
        section.moveReaderIndex(to: 0)
        var iterator = try Self.batch(section: section, recordCount: 1).records()
        #expect(throws: RecordBatchError.self) { try iterator.collect() }
    }
}
