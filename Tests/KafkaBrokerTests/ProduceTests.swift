import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

func produceRequest(_ topic: String, partition: Int32 = 0, records: ByteBuffer?, acks: Int16 = -1) -> ProduceRequest {
    ProduceRequest(
        acks: acks, timeoutMs: 30_000,
        topicData: [
            .init(name: topic, partitionData: [.init(index: partition, records: records)])
        ])
}

extension TestConnection {
    func produce(_ topic: String, partition: Int32 = 0, _ records: ByteBuffer?, version: Int16 = 9) async throws
        -> ProduceResponse.PartitionProduceResponse
    {
        let (_, response) = try await roundTrip(produceRequest(topic, partition: partition, records: records), version: version)
        return try #require(response.responses.first?.partitionResponses.first)
    }
}

@Suite struct ProduceTests {
    @Test func appendsAndAnswersOffsets() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let first = try await connection.produce("auto", try dataPathBatch(count: 3))
            #expect(first.errorCode == 0)
            #expect(first.baseOffset == 0)
            #expect(first.logStartOffset == 0)
            #expect(first.logAppendTimeMs == -1)
            let second = try await connection.produce("auto", try dataPathBatch(count: 2), version: 3)
            #expect(second.baseOffset == 3)
        }
    }

    @Test func validationErrorCodes() async throws {
        try await TestBroker.with(extra: ["auto.create.topics.enable": "false", "message.max.bytes": "2000"]) { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            #expect(try await connection.produce("missing", try dataPathBatch()).errorCode == ErrorCode.unknownTopicOrPartition.rawValue)
            #expect(try await connection.produce("t", partition: 5, try dataPathBatch()).errorCode == ErrorCode.unknownTopicOrPartition.rawValue)
            var corrupt = try dataPathBatch()
            corrupt.setInteger(UInt8(0xEE), at: corrupt.writerIndex - 1)
            #expect(try await connection.produce("t", corrupt).errorCode == ErrorCode.corruptMessage.rawValue)
            let big = try await connection.produce("t", try dataPathBatch(count: 1, valueSize: 3000))
            #expect(big.errorCode == ErrorCode.messageTooLarge.rawValue)
            #expect(big.errorMessage != nil)
            var legacy = ByteBuffer()
            LegacyMessageFixture.write(into: &legacy)
            #expect(try await connection.produce("t", legacy).errorCode == ErrorCode.invalidRecord.rawValue)
            #expect(try await connection.produce("t", nil).errorCode == ErrorCode.invalidRecord.rawValue)
            // Nothing of the rejected batches reached the log.
            let ok = try await connection.produce("t", try dataPathBatch())
            #expect(ok.errorCode == 0 && ok.baseOffset == 0)
        }
    }

    @Test func logAppendTimeIsStamped() async throws {
        try await TestBroker.with(extra: ["log.message.timestamp.type": "LogAppendTime"]) { broker in
            let connection = try await TestConnection(port: broker.port)
            let answer = try await connection.produce("stamped", try dataPathBatch(timestamp: 5))
            #expect(answer.logAppendTimeMs > 1_600_000_000_000)
        }
    }

    @Test func acksZeroSendsNothingAndClosesOnError() async throws {
        try await TestBroker.with(extra: ["auto.create.topics.enable": "false"]) { broker in
            _ = try await broker.topicManager.createTopic("z", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            try await connection.send(produceRequest("z", records: try dataPathBatch(), acks: 0), version: 9, correlationId: 1)
            // The next answer on the connection is the ListOffsets one: the produce got none.
            let (header, offsets) = try await connection.roundTrip(
                ListOffsetsRequest(replicaId: -1, topics: [.init(name: "z", partitions: [.init(partitionIndex: 0, timestamp: -1)])]),
                version: 7, correlationId: 2)
            #expect(header.correlationId == 2)
            #expect(offsets.topics.first?.partitions.first?.offset == 3)
            try await connection.send(produceRequest("nope", records: try dataPathBatch(), acks: 0), version: 9, correlationId: 3)
            #expect(await connection.nextFrame() == nil)
        }
    }

    @Test func idempotentDuplicatesGapsAndOldEpochs() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, initialized) = try await connection.roundTrip(InitProducerIdRequest(transactionalId: nil), version: 4)
            #expect(initialized.errorCode == 0)
            let pid = initialized.producerId
            #expect(pid > 0)
            let first = try dataPathBatch(count: 2, producerId: pid, epoch: 0, sequence: 0)
            #expect(try await connection.produce("idem", first).baseOffset == 0)
            let second = try dataPathBatch(count: 2, producerId: pid, epoch: 0, sequence: 2)
            #expect(try await connection.produce("idem", second).baseOffset == 2)
            // A retry of the first batch is acknowledged with its original offset and not appended again.
            let retry = try await connection.produce("idem", first)
            #expect(retry.errorCode == 0 && retry.baseOffset == 0)
            let gap = try await connection.produce("idem", try dataPathBatch(count: 1, producerId: pid, epoch: 0, sequence: 9))
            #expect(gap.errorCode == ErrorCode.outOfOrderSequenceNumber.rawValue)
            let next = try await connection.produce("idem", try dataPathBatch(count: 1, producerId: pid, epoch: 0, sequence: 4))
            #expect(next.baseOffset == 4)
            let bumped = try await connection.produce("idem", try dataPathBatch(count: 1, producerId: pid, epoch: 1, sequence: 0))
            #expect(bumped.baseOffset == 5)
            let stale = try await connection.produce("idem", try dataPathBatch(count: 1, producerId: pid, epoch: 0, sequence: 5))
            #expect(stale.errorCode == ErrorCode.invalidProducerEpoch.rawValue)
            let (_, transactional) = try await connection.roundTrip(InitProducerIdRequest(transactionalId: "tx"), version: 4)
            #expect(transactional.errorCode == ErrorCode.invalidRequest.rawValue)
        }
    }

    @Test func producerStateSurvivesRestart() async throws {
        let disk = InMemoryFileSystem()
        let pid: Int64 = 42
        let first = try dataPathBatch(count: 2, producerId: pid, epoch: 0, sequence: 0)
        let second = try dataPathBatch(count: 2, producerId: pid, epoch: 0, sequence: 2)
        try await TestBroker.with(fileSystem: disk) { broker in
            let connection = try await TestConnection(port: broker.port)
            #expect(try await connection.produce("replay", try dataPathBatch(count: 5)).baseOffset == 0)
            #expect(try await connection.produce("replay", first).baseOffset == 5)
            #expect(try await connection.produce("replay", second).baseOffset == 7)
        }
        try await TestBroker.with(fileSystem: disk) { broker in
            let connection = try await TestConnection(port: broker.port)
            let retry = try await connection.produce("replay", first)
            #expect(retry.errorCode == 0 && retry.baseOffset == 5)
            let gap = try await connection.produce("replay", try dataPathBatch(count: 1, producerId: pid, epoch: 0, sequence: 7))
            #expect(gap.errorCode == ErrorCode.outOfOrderSequenceNumber.rawValue)
            let next = try await connection.produce("replay", try dataPathBatch(count: 1, producerId: pid, epoch: 0, sequence: 4))
            #expect(next.baseOffset == 9)
            let (_, initialized) = try await connection.roundTrip(InitProducerIdRequest(transactionalId: nil), version: 1)
            #expect(initialized.producerId > pid)
        }
    }
}
