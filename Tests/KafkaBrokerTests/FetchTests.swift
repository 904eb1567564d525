import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

func fetchRequest(
    _ topic: String, partitions: [Int32] = [0], offset: Int64 = 0, partitionMaxBytes: Int32 = 1 << 20,
    maxBytes: Int32 = 50 << 20, minBytes: Int32 = 1, maxWaitMs: Int32 = 0
) -> FetchRequest {
    FetchRequest(
        replicaId: -1, maxWaitMs: maxWaitMs, minBytes: minBytes, maxBytes: maxBytes,
        topics: [
            .init(topic: topic, partitions: partitions.map {
                .init(partition: $0, fetchOffset: offset, partitionMaxBytes: partitionMaxBytes)
            })
        ])
}

func batchCount(_ records: ByteBuffer?) throws -> Int {
    guard let records else { return 0 }
    return try RecordBatchReader.entries(of: records).count
}

@Suite struct FetchTests {
    @Test func readsWholeBatchesWithinLimits() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("f", partitions: 2, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let batch = try dataPathBatch(count: 4, valueSize: 200)
            let size = Int32(batch.readableBytes)
            for _ in 0..<5 { _ = try await connection.produce("f", batch) }
            _ = try await connection.produce("f", partition: 1, batch)

            let (_, all) = try await connection.roundTrip(fetchRequest("f"), version: 12)
            let partition = try #require(all.responses.first?.partitions.first)
            #expect(all.sessionId == 0)
            #expect(partition.errorCode == 0)
            #expect(partition.highWatermark == 20 && partition.lastStableOffset == 20 && partition.logStartOffset == 0)
            #expect(try batchCount(partition.records) == 5)
            #expect(partition.records == nil ? false : partition.records?.getInteger(at: partition.records!.readerIndex, as: Int64.self) == 0)

            // partition_max_bytes cuts at whole batches; a limit below one batch still returns one.
            let (_, two) = try await connection.roundTrip(fetchRequest("f", offset: 5, partitionMaxBytes: size * 2 + 10), version: 12)
            #expect(try batchCount(two.responses.first?.partitions.first?.records) == 2)
            let (_, tiny) = try await connection.roundTrip(fetchRequest("f", partitionMaxBytes: 1), version: 12)
            #expect(try batchCount(tiny.responses.first?.partitions.first?.records) == 1)
            // max_bytes: the first partition still gets its first batch, the second nothing once it is used up.
            let (_, capped) = try await connection.roundTrip(fetchRequest("f", partitions: [0, 1], maxBytes: 1), version: 12)
            #expect(try batchCount(capped.responses.first?.partitions[0].records) == 1)
            #expect(try batchCount(capped.responses.first?.partitions[1].records) == 0)
            #expect(capped.responses.first?.partitions[1].highWatermark == 4)
        }
    }

    @Test func errorsPerPartition() async throws {
        try await TestBroker.with(extra: ["auto.create.topics.enable": "false"]) { broker in
            let topic = try await broker.topicManager.createTopic("e", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            _ = try await connection.produce("e", try dataPathBatch(count: 2))
            let (_, outOfRange) = try await connection.roundTrip(fetchRequest("e", offset: 99), version: 11)
            #expect(outOfRange.responses.first?.partitions.first?.errorCode == ErrorCode.offsetOutOfRange.rawValue)
            let (_, unknown) = try await connection.roundTrip(fetchRequest("nope"), version: 11)
            #expect(unknown.responses.first?.partitions.first?.errorCode == ErrorCode.unknownTopicOrPartition.rawValue)
            var byId = fetchRequest("")
            byId.topics[0].topicId = topic.id
            let (_, found) = try await connection.roundTrip(byId, version: 13)
            #expect(found.responses.first?.topicId == topic.id)
            #expect(try batchCount(found.responses.first?.partitions.first?.records) == 1)
            byId.topics[0].topicId = KafkaUUID(mostSignificantBits: 1, leastSignificantBits: 2)
            let (_, missing) = try await connection.roundTrip(byId, version: 17)
            #expect(missing.responses.first?.partitions.first?.errorCode == ErrorCode.unknownTopicId.rawValue)
            var incremental = fetchRequest("e")
            incremental.sessionId = 1234
            incremental.sessionEpoch = 3
            let (_, session) = try await connection.roundTrip(incremental, version: 12)
            #expect(session.errorCode == ErrorCode.fetchSessionIdNotFound.rawValue)
        }
    }

    @Test func longPollWakesOnAppend() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("w", partitions: 1, configs: [:])
            let waiting = try await TestConnection(port: broker.port)
            let producer = try await TestConnection(port: broker.port)
            let started = ContinuousClock.now
            try await waiting.send(fetchRequest("w", maxWaitMs: 60_000), version: 12, correlationId: 9)
            try await Task.sleep(for: .milliseconds(200))
            _ = try await producer.produce("w", try dataPathBatch(count: 1))
            let frame = try #require(await waiting.nextFrame())
            let (_, response) = try KafkaFrames.decodeResponse(FetchResponse.self, version: 12, frame: frame)
            // Woken by the append, well before the 60 s wait (with room for a loaded two-core test run).
            #expect(ContinuousClock.now - started < .seconds(15))
            #expect(try batchCount(response.responses.first?.partitions.first?.records) == 1)
        }
    }

    @Test func longPollTimesOut() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("idle", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let started = ContinuousClock.now
            let (_, response) = try await connection.roundTrip(fetchRequest("idle", maxWaitMs: 300), version: 12)
            let elapsed = ContinuousClock.now - started
            // At least the requested wait; the upper bound only catches a poll that never ends, since under
            // `swift test --parallel` on two cores the answer can be late by seconds.
            #expect(elapsed >= .milliseconds(290))
            #expect(elapsed < .seconds(15))
            #expect(try batchCount(response.responses.first?.partitions.first?.records) == 0)
        }
    }
}

@Suite struct DataPathOffsetsTests {
    @Test func listOffsetsEarliestLatestMaxAndByTimestamp() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            _ = try await connection.produce("o", try dataPathBatch(count: 3, timestamp: 1000))
            _ = try await connection.produce("o", try dataPathBatch(count: 3, timestamp: 2000))
            func lookUp(_ timestamp: Int64, version: Int16 = 9) async throws -> ListOffsetsResponse.ListOffsetsPartitionResponse {
                let request = ListOffsetsRequest(
                    replicaId: -1, topics: [.init(name: "o", partitions: [.init(partitionIndex: 0, timestamp: timestamp)])])
                let (_, response) = try await connection.roundTrip(request, version: version)
                return try #require(response.topics.first?.partitions.first)
            }
            #expect(try await lookUp(-2).offset == 0)
            #expect(try await lookUp(-1, version: 1).offset == 6)
            let max = try await lookUp(-3)
            #expect(max.timestamp == 2002 && max.offset == 5)
            let byTime = try await lookUp(1500)
            #expect(byTime.offset == 3 && byTime.timestamp == 2000)
            #expect(try await lookUp(1001).offset == 1)
            #expect(try await lookUp(9999).offset == -1)

            let (_, epochs) = try await connection.roundTrip(
                OffsetForLeaderEpochRequest(topics: [.init(topic: "o", partitions: [.init(partition: 0, leaderEpoch: 0)])]),
                version: 4)
            #expect(epochs.topics.first?.partitions.first?.endOffset == 6)

            let (_, deleted) = try await connection.roundTrip(
                DeleteRecordsRequest(topics: [.init(name: "o", partitions: [.init(partitionIndex: 0, offset: 3)])], timeoutMs: 1000),
                version: 2)
            #expect(deleted.topics.first?.partitions.first?.lowWatermark == 3)
            #expect(try await lookUp(-2).offset == 3)
            let (_, tooFar) = try await connection.roundTrip(
                DeleteRecordsRequest(topics: [.init(name: "o", partitions: [.init(partitionIndex: 0, offset: 99)])], timeoutMs: 1000),
                version: 1)
            #expect(tooFar.topics.first?.partitions.first?.errorCode == ErrorCode.offsetOutOfRange.rawValue)
        }
    }
}
