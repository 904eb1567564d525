import Foundation
import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// The decoder options of kafka-dump-log on records laid out as Kafka writes `__consumer_offsets` and
/// `__transaction_state` (key: int16 record type + key schema; value: int16 version + value schema).
@Suite struct DumpLogDecoderTests {
    private func bytes(_ type: Int16, _ message: some KafkaMessage, version: Int16) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(type)
        try message.write(into: &buffer, version: version)
        return buffer
    }

    private func dump(_ records: [(ByteBuffer?, ByteBuffer?)], _ format: DumpLogFormat) throws -> [String] {
        var builder = RecordBatchBuilder()
        for (key, value) in records { try builder.append(key: key, value: value, timestamp: 1_700_000_000_000) }
        let directory = try TemporaryDirectory()
        var segment = ByteBuffer()
        try builder.write(into: &segment)
        let path = try directory.write("00000000000000000000.log", segment)
        let sink = DumpLogGoldenTests.Sink()
        let output = DumpOutput(out: { sink.out += String(decoding: $0, as: UTF8.self) }, error: { sink.err += $0 })
        #expect(DumpLogRunner(format: format, maxBytes: LogSegmentDumper.defaultMaxBytes).run(paths: [path], output: output))
        return sink.out.split(separator: "\n").filter { $0.hasPrefix("|") }.map(String.init)
    }

    @Test func offsetsDecoderShowsCommitsGroupsAndTombstones() throws {
        var subscription = ByteBuffer()
        subscription.writeInteger(Int16(1))
        try ConsumerProtocolSubscription(topics: ["orders"]).write(into: &subscription, version: 1)
        var assignment = ByteBuffer()
        assignment.writeInteger(Int16(0))
        try ConsumerProtocolAssignment(
            assignedPartitions: [.init(topic: "orders", partitions: [0, 1])]
        ).write(into: &assignment, version: 0)
        let member = GroupMetadataValue.MemberMetadata(
            memberId: "m-1", groupInstanceId: nil, clientId: "console-consumer", clientHost: "/127.0.0.1",
            rebalanceTimeout: 300_000, sessionTimeout: 45_000, subscription: subscription, assignment: assignment)
        let group = GroupMetadataValue(
            protocolType: "consumer", generation: 1, protocol: "range", leader: "m-1", currentStateTimestamp: 1_700_000_000_001,
            members: [member])
        let commitKey = try bytes(1, OffsetCommitKey(group: "g", topic: "orders", partition: 0), version: 1)
        let lines = try dump(
            [
                (commitKey, try bytes(3, OffsetCommitValue(offset: 42, leaderEpoch: 0, metadata: "", commitTimestamp: 1_700_000_000_002), version: 3)),
                (try bytes(2, GroupMetadataKey(group: "g"), version: 2), try bytes(3, group, version: 3)),
                (commitKey, nil),
                (try bytes(9, OffsetCommitKey(group: "g", topic: "t", partition: 0), version: 1), nil),
            ], DumpLogFormat(skipRecordMetadata: true, json: false).withCoordinator(.consumerOffsets))
        #expect(lines == [
            #"| key: {"type":"1","data":{"group":"g","topic":"orders","partition":0}} payload: {"version":"3","data":{"offset":42,"leaderEpoch":0,"metadata":"","commitTimestamp":1700000000002}}"#,
            #"| key: {"type":"2","data":{"group":"g"}} payload: {"version":"3","data":{"protocolType":"consumer","generation":1,"protocol":"range","leader":"m-1","currentStateTimestamp":1700000000001,"members":[{"memberId":"m-1","groupInstanceId":null,"clientId":"console-consumer","clientHost":"/127.0.0.1","rebalanceTimeout":300000,"sessionTimeout":45000,"subscription":{"topics":["orders"],"userData":null,"ownedPartitions":[]},"assignment":{"assignedPartitions":[{"topic":"orders","partitions":[0,1]}],"userData":null}}]}}"#,
            #"| key: {"type":"1","data":{"group":"g","topic":"orders","partition":0}} payload: <DELETE>"#,
            "| key: Unknown record type 9 at offset 3, skipping.",
        ])
    }

    @Test func transactionLogDecoder() throws {
        let value = TransactionLogValue(
            producerId: 5, producerEpoch: 1, transactionTimeoutMs: 60_000, transactionStatus: 4,
            transactionPartitions: [.init(topic: "t", partitionIds: [0])], transactionLastUpdateTimestampMs: 10,
            transactionStartTimestampMs: 9)
        let lines = try dump(
            [(try bytes(0, TransactionLogKey(transactionalId: "tx-1"), version: 0), try bytes(0, value, version: 0))],
            DumpLogFormat(skipRecordMetadata: true).withCoordinator(.transactionState))
        #expect(lines == [
            #"| key: {"type":"0","data":{"transactionalId":"tx-1"}} payload: {"version":"0","data":{"producerId":5,"producerEpoch":1,"transactionTimeoutMs":60000,"transactionStatus":4,"transactionPartitions":[{"topic":"t","partitionIds":[0]}],"transactionLastUpdateTimestampMs":10,"transactionStartTimestampMs":9}}"#
        ])
    }

    @Test func integerAndLongDecodersAndUnknownClasses() throws {
        var key = ByteBuffer()
        key.writeInteger(Int32(-7))
        var value = ByteBuffer()
        value.writeInteger(Int64(1) << 40)
        var format = DumpLogFormat(printData: true, skipRecordMetadata: true)
        format.keyDecoder = try RecordDecoder(className: "org.apache.kafka.tools.api.IntegerDecoder")
        format.valueDecoder = try RecordDecoder(className: "LongDecoder")
        #expect(try dump([(key, value)], format) == ["| key: -7 payload: 1099511627776"])
        #expect(throws: RecordDecoder.Unknown.self) { try RecordDecoder(className: "com.example.Nope") }
    }
}

extension DumpLogFormat {
    func withCoordinator(_ topic: CoordinatorRecordJSON.Topic) -> DumpLogFormat {
        var format = DumpLogFormat(deepIteration: true, printData: true, skipRecordMetadata: skipRecordMetadata, json: json)
        format.coordinatorRecords = topic
        return format
    }
}
