import KafkaCompression
import KafkaProtocol
import KafkaStorage
import Logging
import NIOCore

/// Reads and writes the records of `__consumer_offsets`. Writes go through the same partition writer as
/// Produce and are answered like acks=-1 on this single node: once the batch is in the log (page cache, fsynced
/// when `log.flush.interval.messages` says so), which a `kill -9` of the broker does not lose.
struct OffsetsTopicStore: Sendable {
    let topicManager: TopicManager
    let config: BrokerConfig

    static let topic = InternalTopics.consumerOffsets

    /// The topic's configs when the coordinator creates it, as Kafka sets them.
    var topicConfigs: [String: String] {
        ["cleanup.policy": "compact", "compression.type": "producer", "segment.bytes": "\(config.offsetsTopicSegmentBytes)"]
    }

    /// The number of partitions: the existing topic's, else the configured one it will be created with.
    func partitionCount() async -> Int32 {
        if let existing = await topicManager.topic(named: Self.topic) { return Int32(existing.partitions.count) }
        return config.offsetsTopicNumPartitions
    }

    /// Creates the topic on first use (FindCoordinator, or the first write), whatever `auto.create.topics.enable`
    /// says. Returns false when it cannot be created.
    func ensureTopic() async -> Bool {
        if await topicManager.topic(named: Self.topic) != nil { return true }
        do {
            try await topicManager.createTopic(
                Self.topic, partitions: config.offsetsTopicNumPartitions, configs: topicConfigs)
            return true
        } catch {
            // Another request may have created it in the meantime.
            return await topicManager.topic(named: Self.topic) != nil
        }
    }

    /// Appends `records` as one uncompressed batch to `partition`; the error is the storage's (NONE on success).
    func append(_ records: [GroupRecordCodec.Encoded], partition: Int32) async -> ErrorCode {
        guard !records.isEmpty else { return .noError }
        guard await ensureTopic() else { return .unknownTopicOrPartition }
        let resolved: ResolvedPartition
        switch await topicManager.resolve(topic: Self.topic, partition: partition) {
        case .success(let found): resolved = found
        case .failure(let code): return code
        }
        let now = currentTimeMillis()
        var builder = RecordBatchBuilder()
        var bytes = ByteBuffer()
        do {
            for record in records { try builder.append(key: record.key, value: record.value, timestamp: now) }
            try builder.write(into: &bytes)
        } catch {
            return .unknownServerError
        }
        let writer = BrokerDataPath.of(topicManager).writer(for: resolved.log)
        do {
            _ = try await writer.append(bytes, header: builder.finalHeader, leaderEpoch: resolved.leaderEpoch)
            return .noError
        } catch {
            return .from(storage: error)
        }
    }

    /// Every group record of `partition` in log order (nil when the partition does not exist).
    func readAll(partition: Int32, logger: Logger) async throws -> [GroupRecord]? {
        guard let log = await topicManager.partitionLog(TopicPartition(topic: Self.topic, partition: partition)) else {
            return nil
        }
        var records: [GroupRecord] = []
        var offset = await log.logStartOffset
        let end = await log.logEndOffset
        while offset < end {
            let chunk = try await log.read(from: offset, maxBytes: 1 << 20)
            var reader = RecordBatchReader(chunk.records)
            var advanced = false
            while let entry = try reader.next() {
                guard case .batch(let batch) = entry else { continue }
                offset = batch.header.nextOffset
                advanced = true
                if batch.header.isControl { continue }
                for record in try entry.decodeLogRecords(maxDecompressedBytes: 64 << 20) where record.offset >= 0 {
                    do {
                        if let decoded = try GroupRecordCodec.decode(key: record.key, value: record.value) {
                            records.append(decoded)
                        }
                    } catch {
                        logger.warning(
                            "Skipping an unreadable record at offset \(record.offset) of \(Self.topic)-\(partition): \(error)")
                    }
                }
            }
            if !advanced { break }
        }
        return records
    }
}
