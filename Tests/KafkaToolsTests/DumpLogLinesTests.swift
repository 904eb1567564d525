import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// The line formats alone, for the header states the client fixtures do not have.
@Suite struct DumpLogLinesTests {
    @Test func deleteHorizonAndLogAppendTimePrintAsJavaDoes() {
        let header = RecordBatchHeader(
            baseOffset: 40, batchLength: 100, partitionLeaderEpoch: 3, crc: 4_000_000_000,
            attributes: RecordBatchAttributes(codec: .gzip, timestampType: .logAppendTime, hasDeleteHorizon: true),
            lastOffsetDelta: 2, baseTimestamp: 1_700_000_999_000, maxTimestamp: 1_700_000_000_555, producerId: 9,
            producerEpoch: 1, baseSequence: Int32.max - 1, recordCount: 3)
        #expect(
            DumpLogLines.batchLine(header, position: 4096, crcIsValid: false)
                == "baseOffset: 40 lastOffset: 42 count: 3 baseSequence: 2147483646 lastSequence: 0 producerId: 9"
                + " producerEpoch: 1 partitionLeaderEpoch: 3 isTransactional: false isControl: false"
                + " deleteHorizonMs: OptionalLong[1700000999000] position: 4096 LogAppendTime: 1700000000555"
                + " size: 112 magic: 2 compresscodec: gzip crc: 4000000000 isvalid: false")
        // LogAppendTime gives every record the batch's max timestamp; sequences wrap past Int32.max.
        let record = Record(
            timestampDelta: 5, offsetDelta: 2, key: nil, value: ByteBuffer(string: "v"),
            headers: RecordHeaders([RecordHeader(key: "h1", value: nil as String?)]))
        #expect(
            DumpLogLines.recordLine(record, in: header, control: nil, format: DumpLogFormat(printData: true))
                == "| offset: 42 LogAppendTime: 1700000000555 keySize: -1 valueSize: 1 sequence: 0 headerKeys: [h1]"
                + " payload: v")
        #expect(
            DumpLogLines.recordLine(
                record, in: header, control: nil, format: DumpLogFormat(printData: true, skipRecordMetadata: true))
                == "| payload: v")
    }

    @Test func controlRecordsOtherThanMarkersPrintTheirType() throws {
        let record = Record(
            offsetDelta: 0, key: ControlRecordKey(type: .leaderChange).encoded, value: ByteBuffer(bytes: [0, 0]))
        #expect(try DumpLogLines.controlDescription(record) == "controlType: LEADER_CHANGE(2)")
        let abort = EndTransactionMarker(type: .abort, coordinatorEpoch: 3)
        let marker = Record(offsetDelta: 0, key: abort.key, value: abort.value)
        #expect(try DumpLogLines.controlDescription(marker) == "endTxnMarker: ABORT coordinatorEpoch: 3")
    }
}
