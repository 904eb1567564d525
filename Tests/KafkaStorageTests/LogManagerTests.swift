import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct LogManagerTests {
    func manager(_ fileSystem: InMemoryFileSystem) -> LogManager {
        LogManager(
            logDirectory: "/data", fileSystem: fileSystem, defaultConfig: LogConfig(segmentIndexBytes: 4096),
            logger: Fixtures.quietLogger)
    }

    func text(_ fileSystem: InMemoryFileSystem, _ path: String) -> String? {
        fileSystem.contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func restartKeepsTopicsIdsConfigsDataAndOffsets() async throws {
        let fileSystem = InMemoryFileSystem()
        let first = manager(fileSystem)
        let meta = try await first.startup(clusterID: "MkU3OEVBNTcwNTJENDM2Qk", nodeID: 1)
        let topicID = try await first.createTopic("orders", partitions: 3, configs: ["retention.ms": "1000"])
        try await first.createTopic("audit", partitions: 1)
        let orders1 = try #require(await first.partition(TopicPartition(topic: "orders", partition: 1)))
        for _ in 0..<4 { _ = try await orders1.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
        _ = try await orders1.deleteRecords(before: 5)
        try await first.shutdown()
        #expect(text(fileSystem, "/data/.kafka_cleanshutdown") == "{\"broker_epoch\":\"-1\",\"version\":\"0\"}")
        #expect(text(fileSystem, "/data/orders-1/partition.metadata") == "version: 0\ntopic_id: \(topicID.base64)\n")
        #expect(
            text(fileSystem, "/data/log-start-offset-checkpoint")
                == "0\n4\naudit 0 0\norders 0 0\norders 1 5\norders 2 0\n")
        #expect(
            text(fileSystem, "/data/recovery-point-offset-checkpoint")
                == "0\n4\naudit 0 0\norders 0 0\norders 1 20\norders 2 0\n")
        #expect(text(fileSystem, "/data/orders-1/leader-epoch-checkpoint") == "0\n1\n0 5\n")
        #expect(text(fileSystem, "/data/__topic_configs/orders.properties") == "retention.ms=1000\n")

        let second = manager(fileSystem)
        let reloaded = try await second.startup(clusterID: "ignored", nodeID: 1)
        #expect(reloaded == meta)
        #expect(!fileSystem.fileExists("/data/.kafka_cleanshutdown"))
        let topics = await second.topics()
        #expect(topics.map(\.name) == ["audit", "orders"])
        #expect(topics.last?.topicID == topicID && topics.last?.partitionCount == 3)
        #expect(topics.last?.configs == ["retention.ms": "1000"])
        #expect(await second.config(for: "orders").retentionMs == 1000)
        let log = try #require(await second.partition(TopicPartition(topic: "orders", partition: 1)))
        #expect(await log.logStartOffset == 5)
        #expect(await log.logEndOffset == 20)
        #expect(try batchSummaries(try await log.read(from: 5, maxBytes: 1 << 20).records).map(\.base) == [5, 10, 15])
        #expect(await second.lastRecovery[TopicPartition(topic: "orders", partition: 1)]?.recoveredSegments == 0)
    }

    @Test func uncleanRestartRecoversAndDeleteTopicRemovesDirectories() async throws {
        let fileSystem = InMemoryFileSystem()
        let first = manager(fileSystem)
        _ = try await first.startup(clusterID: "c", nodeID: 1)
        try await first.createTopic("t", partitions: 1)
        let log = try #require(await first.partition(TopicPartition(topic: "t", partition: 0)))
        _ = try await log.append(batches: try makeBatch(count: 3), leaderEpoch: 0)
        try await first.flushAll()
        // No shutdown: the marker is missing, so the next start recovers.
        let second = manager(fileSystem)
        _ = try await second.startup(clusterID: "c", nodeID: 1)
        #expect(await second.lastRecovery[TopicPartition(topic: "t", partition: 0)]?.recoveredSegments == 1)
        #expect(await second.partition(TopicPartition(topic: "t", partition: 0))?.logEndOffset == 3)
        try await second.deleteTopic("t")
        #expect(try fileSystem.listDirectory("/data").filter { $0.hasPrefix("t-") }.isEmpty)
        #expect(await second.topics().isEmpty)
        await #expect(throws: StorageError.self) { _ = try await self.manager(fileSystem).startup(clusterID: "c", nodeID: 2) }
    }
}
