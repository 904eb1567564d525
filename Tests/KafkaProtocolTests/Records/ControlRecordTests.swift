import KafkaProtocol
import NIOCore
import Testing

@Suite struct ControlRecordTests {
    @Test(arguments: [ControlRecordType.commit, .abort])
    func endTransactionMarkerBatchRoundTrip(_ type: ControlRecordType) throws {
        let marker = EndTransactionMarker(type: type, coordinatorEpoch: 17)
        let batch = try marker.batch(producerId: 4_000, producerEpoch: 3, timestamp: 1_700_000_000_000, baseOffset: 55)
        // Through the bytes, as a consumer would see it.
        let entries = try RecordBatchReader.entries(of: batch.bytes)
        guard entries.count == 1, case .batch(let decoded) = entries[0] else {
            Issue.record("expected one v2 batch")
            return
        }
        #expect(decoded.crcIsValid)
        #expect(decoded.header.isControl && decoded.header.isTransactional)
        #expect(decoded.header.producerId == 4_000 && decoded.header.producerEpoch == 3)
        #expect(decoded.header.baseSequence == -1)
        #expect(decoded.header.recordCount == 1 && decoded.header.lastOffsetDelta == 0)
        #expect(decoded.header.baseOffset == 55)
        var iterator = try decoded.records()
        let records = try iterator.collect()
        try #require(records.count == 1)
        #expect(try ControlRecordKey(from: try #require(records[0].key)).type == type)
        let roundTripped = try EndTransactionMarker(records[0])
        #expect(roundTripped == marker)
        #expect(roundTripped.isCommit == (type == .commit))
        // Kafka's exact bytes: key version 0 + type; value version 0 + epoch.
        #expect(records[0].key == ByteBuffer(bytes: [0, 0, 0, UInt8(type.rawValue)]))
        #expect(records[0].value == ByteBuffer(bytes: [0, 0, 0, 0, 0, 17]))
    }

    @Test func keysAndValuesOfLaterVersionsMayGrow() throws {
        let key = ByteBuffer(bytes: [0, 1, 0, 1, 0xAA, 0xBB])
        let value = ByteBuffer(bytes: [0, 1, 0, 0, 0, 9, 0xCC])
        let marker = try EndTransactionMarker(key: key, value: value)
        #expect(marker.type == .commit && marker.coordinatorEpoch == 9 && marker.version == 1)
    }

    @Test func malformedMarkersThrow() {
        #expect(throws: (any Error).self) { try ControlRecordKey(from: ByteBuffer(bytes: [0, 0, 0])) }
        #expect(throws: RecordBatchError.self) { try ControlRecordKey(from: ByteBuffer(bytes: [0xFF, 0xFF, 0, 0])) }
        #expect(throws: RecordBatchError.self) {
            try EndTransactionMarker(key: ControlRecordKey(type: .leaderChange).encoded, value: ByteBuffer())
        }
        #expect(throws: (any Error).self) {
            try EndTransactionMarker(key: ControlRecordKey(type: .abort).encoded, value: ByteBuffer(bytes: [0, 0]))
        }
        #expect(throws: RecordBatchError.self) { try EndTransactionMarker(key: nil, value: nil) }
    }

    @Test func typeNames() {
        #expect(ControlRecordType.abort.description == "ABORT")
        #expect(ControlRecordType.kraftVoters.description == "KRAFT_VOTERS")
        #expect(ControlRecordType(rawValue: 99).description == "UNKNOWN")
    }
}
