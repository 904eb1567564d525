import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

extension TestConnection {
    func fetchPartition(_ topic: String, offset: Int64 = 0) async throws -> FetchResponse.PartitionData {
        let (_, response) = try await roundTrip(fetchRequest(topic, offset: offset), version: 12)
        return try #require(response.responses.first?.partitions.first)
    }

    func latestOffset(_ topic: String) async throws -> Int64 {
        let request = ListOffsetsRequest(
            replicaId: -1, topics: [.init(name: topic, partitions: [.init(partitionIndex: 0, timestamp: -1)])])
        let (_, response) = try await roundTrip(request, version: 7)
        return try #require(response.topics.first?.partitions.first?.offset)
    }
}

extension TestBroker {
    /// Stops the listener but not the topic manager: no flush, no clean-shutdown marker, as after `kill -9`.
    func abandon() async {
        await server.shutdown()
    }
}

/// The broker's side of "Durability and recovery": what a client sees around disk full, crashes, torn segment
/// tails and restarts. KafkaStorageTests cover the log itself; these go through the wire and the start-up path.
@Suite struct DurabilityTests {
    @Test func diskFullFailsOnlyThatProduceAndRecoversWhenSpaceIsFreed() async throws {
        let disk = InMemoryFileSystem()
        try await TestBroker.with(fileSystem: disk) { broker in
            let connection = try await TestConnection(port: broker.port)
            #expect(try await connection.produce("full", try dataPathBatch(count: 3)).errorCode == 0)
            disk.capacity = disk.usedBytes + 100
            let failed = try await connection.produce("full", try dataPathBatch(count: 5, valueSize: 200))
            #expect(failed.errorCode == ErrorCode.kafkaStorageError.rawValue)
            #expect(failed.baseOffset == -1)

            // Nothing of the failed batch is visible, and reads are still served.
            let read = try await connection.fetchPartition("full")
            #expect(read.errorCode == 0 && read.highWatermark == 3)
            #expect(try batchCount(read.records) == 1)
            #expect(try await connection.latestOffset("full") == 3)

            disk.capacity = nil
            let retried = try await connection.produce("full", try dataPathBatch(count: 5, valueSize: 200))
            #expect(retried.errorCode == 0 && retried.baseOffset == 3)
            let after = try await connection.fetchPartition("full")
            #expect(after.highWatermark == 8)
            #expect(try batchCount(after.records) == 2)
        }
    }

    @Test func flushEveryMessageKeepsAcknowledgedRecordsThroughACrash() async throws {
        let disk = InMemoryFileSystem()
        let extra = ["log.flush.interval.messages": "1"]
        let broker = try await TestBroker.start(extra: extra, fileSystem: disk)
        let connection = try await TestConnection(port: broker.port)
        for _ in 0..<3 { #expect(try await connection.produce("sync", try dataPathBatch(count: 2)).errorCode == 0) }
        await connection.close()
        disk.crash()
        await broker.abandon()

        try await TestBroker.with(extra: extra, fileSystem: disk) { restarted in
            let connection = try await TestConnection(port: restarted.port)
            #expect(try await connection.latestOffset("sync") == 6)
            #expect(try batchCount(try await connection.fetchPartition("sync").records) == 3)
        }
    }

    @Test func withoutFlushACrashLosesOnlyTheUnsyncedTail() async throws {
        // The control for the test above: the default (no fsync per message) loses what only the page cache had,
        // so the crash simulation really drops data.
        let disk = InMemoryFileSystem()
        let broker = try await TestBroker.start(fileSystem: disk)
        let connection = try await TestConnection(port: broker.port)
        #expect(try await connection.produce("lazy", try dataPathBatch(count: 2)).errorCode == 0)
        await connection.close()
        disk.crash()
        await broker.abandon()

        try await TestBroker.with(fileSystem: disk) { restarted in
            let connection = try await TestConnection(port: restarted.port)
            #expect(try await connection.latestOffset("lazy") == 0)
        }
    }

    /// `cut` -1: a random point inside the batch, different on every run.
    @Test(arguments: [
        (cut: 1, garbage: 0), (cut: 75, garbage: 0), (cut: 0, garbage: 0), (cut: 200, garbage: 37), (cut: -1, garbage: 0),
        (cut: -1, garbage: 64),
    ])
    func tornTailReopensToTheLastWholeBatch(cut: Int, garbage: Int) async throws {
        let disk = InMemoryFileSystem()
        let batch = try dataPathBatch(count: 4, valueSize: 50)
        let batchSize = batch.readableBytes
        let broker = try await TestBroker.start(fileSystem: disk)
        let connection = try await TestConnection(port: broker.port)
        for _ in 0..<6 { #expect(try await connection.produce("torn", batch).errorCode == 0) }
        await connection.close()
        await broker.abandon()

        let path = "/logs/torn-0/00000000000000000000.log"
        let original = try #require(disk.contents(of: path))
        #expect(original.count == 6 * batchSize)
        // Cut inside the fifth batch (or at its start when `cut` is 0), then maybe add random bytes.
        var generator = SystemRandomNumberGenerator()
        let into = cut < 0 ? Int.random(in: 1..<batchSize, using: &generator) : min(cut, batchSize - 1)
        let keep = 4 * batchSize + into
        let tail = (0..<garbage).map { _ in UInt8.random(in: 0...255, using: &generator) }
        disk.setContents(Array(original.prefix(keep)) + tail, of: path)

        try await TestBroker.with(fileSystem: disk) { restarted in
            let connection = try await TestConnection(port: restarted.port)
            let cutAt: Comment = "cut \(into) bytes into the fifth batch, \(garbage) bytes of garbage"
            #expect(try await connection.latestOffset("torn") == 16, cutAt)
            let read = try await connection.fetchPartition("torn")
            #expect(read.errorCode == 0 && read.highWatermark == 16, cutAt)
            #expect(try batchCount(read.records) == 4, cutAt)
            #expect(read.records?.readableBytes == 4 * batchSize, cutAt)
            // The log continues from the last whole batch.
            #expect(try await connection.produce("torn", batch).baseOffset == 16)
        }
    }

    @Test func restartKeepsDataAndOffsets() async throws {
        let disk = InMemoryFileSystem()
        try await TestBroker.with(fileSystem: disk) { broker in
            let connection = try await TestConnection(port: broker.port)
            _ = try await connection.produce("kept", try dataPathBatch(count: 3))
            _ = try await connection.produce("kept", try dataPathBatch(count: 4))
        }
        try await TestBroker.with(fileSystem: disk) { broker in
            let connection = try await TestConnection(port: broker.port)
            #expect(try await connection.latestOffset("kept") == 7)
            let read = try await connection.fetchPartition("kept", offset: 3)
            #expect(read.highWatermark == 7 && read.logStartOffset == 0)
            let records = try #require(read.records)
            #expect(try batchCount(records) == 1)
            #expect(records.getInteger(at: records.readerIndex, as: Int64.self) == 3)
            #expect(try await connection.produce("kept", try dataPathBatch(count: 1)).baseOffset == 7)
        }
    }
}
