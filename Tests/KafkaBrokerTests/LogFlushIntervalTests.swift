import KafkaProtocol
import KafkaStorage
import Testing
@testable import KafkaBroker

@Suite struct LogFlushIntervalTests {
    /// Polls until the log's recovery point reaches its end (flushed), for up to ten seconds (a loaded test run).
    static func waitUntilFlushed(_ log: PartitionLog) async throws -> Bool {
        for _ in 0..<1000 {
            if await log.recoveryPoint == log.logEndOffset { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    @Test func staticIntervalFlushesDirtyLogs() async throws {
        try await TestBroker.with(extra: ["log.flush.interval.ms": "20"]) { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            await broker.topicManager.startBackgroundTasks()
            let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "t", partition: 0)))
            _ = try await log.append(batches: try dataPathBatch(), leaderEpoch: 0)
            #expect(await log.logEndOffset == 3)
            #expect(try await Self.waitUntilFlushed(log))
        }
    }

    @Test func noIntervalNoFlusherUntilADynamicDefaultSetsOne() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            await broker.topicManager.startBackgroundTasks()
            #expect(await broker.topicManager.flushTask == nil)
            let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "t", partition: 0)))
            _ = try await log.append(batches: try dataPathBatch(), leaderEpoch: 0)
            try await Task.sleep(for: .milliseconds(50))
            #expect(await log.recoveryPoint == 0)

            try await broker.topicManager.setDynamicBrokerDefaults(["log.flush.interval.ms": "20"])
            #expect(await broker.topicManager.flushTask != nil)
            #expect(try await Self.waitUntilFlushed(log))

            try await broker.topicManager.setDynamicBrokerDefaults([:])
            #expect(await broker.topicManager.flushTask == nil)
        }
    }

    @Test func flushDirtySkipsCleanLogsAndStopsWithShutdown() async throws {
        let broker = try await TestBroker.start(extra: ["log.flush.interval.ms": "5"])
        _ = try await broker.topicManager.createTopic("t", partitions: 2, configs: [:])
        let logManager = broker.topicManager.logManager
        #expect(try await logManager.flushDirty() == 0)
        let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "t", partition: 1)))
        _ = try await log.append(batches: try dataPathBatch(), leaderEpoch: 0)
        #expect(try await logManager.flushDirty() == 1)
        #expect(try await logManager.flushDirty() == 0)
        await broker.topicManager.startBackgroundTasks()
        try await Task.sleep(for: .milliseconds(20))
        try await broker.stop()
        #expect(await broker.topicManager.flushTask == nil)
    }
}
