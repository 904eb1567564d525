import KafkaProtocol
import Logging
import NIOCore

/// A topic as the log dir knows it.
public struct TopicDescription: Hashable, Sendable {
    public var name: String
    public var topicID: KafkaUUID
    public var partitionCount: Int32
    /// Overrides only (see `LogFileNames.topicConfigDir`).
    public var configs: [String: String]
}

/// Owns one log dir: `meta.properties`, the partition logs, the checkpoint files, per-topic configs and the
/// clean-shutdown marker.
public actor LogManager {
    public nonisolated let logDirectory: String
    public nonisolated let fileSystem: any StorageFileSystem
    let logger: Logger
    public private(set) var defaultConfig: LogConfig
    var logs: [TopicPartition: PartitionLog] = [:]
    var topicConfigs: [String: [String: String]] = [:]
    var topicIDs: [String: KafkaUUID] = [:]
    public private(set) var lastRecovery: [TopicPartition: RecoveryReport] = [:]

    public init(
        logDirectory: String, fileSystem: any StorageFileSystem = PosixFileSystem(),
        defaultConfig: LogConfig = .default, logger: Logger = Logger(label: "kafka.log.LogManager")
    ) {
        self.logDirectory = logDirectory
        self.fileSystem = fileSystem
        self.defaultConfig = defaultConfig
        self.logger = logger
    }

    var configDirectory: String { joinPath(logDirectory, LogFileNames.topicConfigDir) }
    func path(_ name: String) -> String { joinPath(logDirectory, name) }

    // MARK: Start and stop

    /// Loads or writes `meta.properties` (a new dir gets `clusterID` and a random directory id; an existing one
    /// must match `nodeID`), finishes interrupted topic deletions, opens every partition (recovering them when
    /// the clean-shutdown marker is missing), and removes the marker until the next clean stop.
    public func startup(clusterID: String, nodeID: Int32, now: Int64 = currentTimeMillis()) throws -> MetaProperties {
        try fileSystem.createDirectory(logDirectory)
        try fileSystem.createDirectory(configDirectory)
        let metaPath = path(LogFileNames.metaProperties)
        let meta: MetaProperties
        if fileSystem.fileExists(metaPath) {
            meta = try MetaProperties.parse(String(buffer: try fileSystem.readSmallFile(metaPath)), path: metaPath)
            guard meta.nodeID == nodeID else {
                throw StorageError.corruptFile(
                    path: metaPath, detail: "node.id \(meta.nodeID) does not match the configured \(nodeID)")
            }
        } else {
            meta = MetaProperties(clusterID: clusterID, nodeID: nodeID, directoryID: .random())
            try fileSystem.writeFileAtomically(metaPath, contents: meta.format(date: now / 1000), directory: logDirectory)
        }

        let markerPath = path(LogFileNames.cleanShutdown)
        let clean = fileSystem.fileExists(markerPath)
        let recoveryPoints = readCheckpoint(LogFileNames.recoveryPointCheckpoint)
        let startOffsets = readCheckpoint(LogFileNames.logStartOffsetCheckpoint)

        for name in try fileSystem.listDirectory(configDirectory) where name.hasSuffix(".properties") {
            let topic = String(name.dropLast(".properties".count))
            topicConfigs[topic] = TopicConfigFile.parse(
                String(buffer: try fileSystem.readSmallFile(joinPath(configDirectory, name))))
        }
        for name in try fileSystem.listDirectory(logDirectory).sorted() {
            let directory = path(name)
            guard fileSystem.isDirectory(directory) else { continue }
            if name.hasSuffix(LogFileNames.deleteDirSuffix) {
                try fileSystem.removeDirectory(directory)
                continue
            }
            guard let (topic, partition) = LogFileNames.parsePartitionDirectory(name) else { continue }
            let topicPartition = TopicPartition(topic: topic, partition: partition)
            let (log, report) = try PartitionLog.open(
                directory: directory, topicPartition: topicPartition, topicID: topicIDs[topic] ?? .random(),
                fileSystem: fileSystem, config: config(for: topic), logger: logger,
                recoveryPoint: recoveryPoints[topicPartition] ?? 0, logStartOffset: startOffsets[topicPartition] ?? 0,
                hadCleanShutdown: clean, now: now)
            logs[topicPartition] = log
            topicIDs[topic] = log.topicID
            lastRecovery[topicPartition] = report
        }
        if clean { try fileSystem.removeFile(markerPath) }
        try checkpoint()
        return meta
    }

    /// Flushes and closes every log, writes the checkpoints and then the clean-shutdown marker (last, so a crash
    /// anywhere before it means recovery on the next start).
    public func shutdown(brokerEpoch: Int64 = -1) async throws {
        for log in logs.values { try await log.close() }
        try await writeCheckpoints()
        try fileSystem.writeFileAtomically(
            path(LogFileNames.cleanShutdown), contents: CleanShutdownFile.format(brokerEpoch: brokerEpoch),
            directory: logDirectory)
        logs.removeAll()
    }

    // MARK: Topics

    public func config(for topic: String) -> LogConfig {
        defaultConfig.applying(topicConfigs: topicConfigs[topic] ?? [:])
    }

    /// Replaces the defaults every partition log starts from (the broker's dynamic cluster defaults) and applies
    /// them to the open logs; a topic's own overrides keep winning for their keys.
    public func setDefaultConfig(_ config: LogConfig) async {
        defaultConfig = config
        for (topicPartition, log) in logs { await log.updateConfig(self.config(for: topicPartition.topic)) }
    }

    /// Creates the partition dirs of a new topic (with `partition.metadata`) and stores its config overrides.
    @discardableResult
    public func createTopic(
        _ topic: String, partitions: Int32, topicID: KafkaUUID = .random(), configs: [String: String] = [:]
    ) throws -> KafkaUUID {
        guard topicIDs[topic] == nil else { throw StorageError.partitionExists(topic) }
        try writeTopicConfigs(topic, configs)
        topicIDs[topic] = topicID
        for partition in 0..<partitions { try openPartition(TopicPartition(topic: topic, partition: partition), topicID) }
        return topicID
    }

    /// Adds partitions `existing..<count` to a topic.
    public func createPartitions(topic: String, count: Int32) throws {
        guard let topicID = topicIDs[topic] else { throw StorageError.unknownPartition(topic) }
        let existing = Int32(logs.keys.filter { $0.topic == topic }.count)
        for partition in existing..<max(existing, count) {
            try openPartition(TopicPartition(topic: topic, partition: partition), topicID)
        }
    }

    func openPartition(_ topicPartition: TopicPartition, _ topicID: KafkaUUID) throws {
        let directory = path(LogFileNames.partitionDirectory(topic: topicPartition.topic, partition: topicPartition.partition))
        guard !fileSystem.fileExists(directory) else { throw StorageError.partitionExists(topicPartition.description) }
        let (log, _) = try PartitionLog.open(
            directory: directory, topicPartition: topicPartition, topicID: topicID, fileSystem: fileSystem,
            config: config(for: topicPartition.topic), logger: logger, hadCleanShutdown: true)
        logs[topicPartition] = log
    }

    /// Closes the topic's logs and removes their dirs (renamed to `-delete` first, as Kafka does) and configs.
    public func deleteTopic(_ topic: String) async throws {
        guard topicIDs[topic] != nil else { throw StorageError.unknownPartition(topic) }
        for (topicPartition, log) in logs where topicPartition.topic == topic {
            try await log.close()
            logs[topicPartition] = nil
            let suffix = KafkaUUID.random().base64.replacingAll("-", with: "x")
            let doomed = log.directory + "." + suffix + LogFileNames.deleteDirSuffix
            try fileSystem.rename(log.directory, to: doomed)
            try fileSystem.removeDirectory(doomed)
        }
        try fileSystem.removeFile(joinPath(configDirectory, topic + ".properties"))
        topicConfigs[topic] = nil
        topicIDs[topic] = nil
        try await writeCheckpoints()
    }

    /// Replaces a topic's config overrides, persists them and applies them to its open logs.
    public func setTopicConfigs(_ topic: String, _ configs: [String: String]) async throws {
        guard topicIDs[topic] != nil else { throw StorageError.unknownPartition(topic) }
        try writeTopicConfigs(topic, configs)
        let config = config(for: topic)
        for (topicPartition, log) in logs where topicPartition.topic == topic { await log.updateConfig(config) }
    }

    func writeTopicConfigs(_ topic: String, _ configs: [String: String]) throws {
        topicConfigs[topic] = configs
        try fileSystem.writeFileAtomically(
            joinPath(configDirectory, topic + ".properties"), contents: TopicConfigFile.format(configs),
            directory: configDirectory)
    }

    public func partition(_ topicPartition: TopicPartition) -> PartitionLog? { logs[topicPartition] }

    public func topics() -> [TopicDescription] {
        topicIDs.keys.sorted().compactMap { name in
            guard let topicID = topicIDs[name] else { return nil }
            return TopicDescription(
                name: name, topicID: topicID, partitionCount: Int32(logs.keys.filter { $0.topic == name }.count),
                configs: topicConfigs[name] ?? [:])
        }
    }

    // MARK: Periodic work

    /// Applies retention to every log; returns the number of segments deleted.
    @discardableResult
    public func enforceRetention(now: Int64 = currentTimeMillis()) async throws -> Int {
        var deleted = 0
        for log in logs.values { deleted += try await log.enforceRetention(now: now) }
        if deleted > 0 { try await writeCheckpoints() }
        return deleted
    }

    /// Flushes every log (the broker's `log.flush.interval.ms`) and writes the checkpoint files.
    public func flushAll() async throws {
        for log in logs.values { try await log.flush() }
        try await writeCheckpoints()
    }

    /// Writes `recovery-point-offset-checkpoint`, `log-start-offset-checkpoint` and
    /// `replication-offset-checkpoint` (the high watermarks) from the logs' current values.
    public func writeCheckpoints() async throws {
        var recovery: [TopicPartition: Int64] = [:]
        var start: [TopicPartition: Int64] = [:]
        var replication: [TopicPartition: Int64] = [:]
        for (topicPartition, log) in logs {
            recovery[topicPartition] = await log.recoveryPoint
            start[topicPartition] = await log.logStartOffset
            replication[topicPartition] = await log.highWatermark
        }
        try writeCheckpointFiles(recovery: recovery, start: start, replication: replication)
    }

    func checkpoint() throws {
        // At startup nothing else runs, so the values are the ones the logs were opened with.
        let recovery = readCheckpoint(LogFileNames.recoveryPointCheckpoint).filter { logs[$0.key] != nil }
        let start = readCheckpoint(LogFileNames.logStartOffsetCheckpoint).filter { logs[$0.key] != nil }
        let replication = readCheckpoint(LogFileNames.replicationOffsetCheckpoint).filter { logs[$0.key] != nil }
        try writeCheckpointFiles(recovery: recovery, start: start, replication: replication)
    }

    func writeCheckpointFiles(
        recovery: [TopicPartition: Int64], start: [TopicPartition: Int64], replication: [TopicPartition: Int64]
    ) throws {
        try fileSystem.writeFileAtomically(
            path(LogFileNames.recoveryPointCheckpoint), contents: OffsetCheckpointFile.format(recovery),
            directory: logDirectory)
        try fileSystem.writeFileAtomically(
            path(LogFileNames.logStartOffsetCheckpoint), contents: OffsetCheckpointFile.format(start),
            directory: logDirectory)
        try fileSystem.writeFileAtomically(
            path(LogFileNames.replicationOffsetCheckpoint), contents: OffsetCheckpointFile.format(replication),
            directory: logDirectory)
    }

    func readCheckpoint(_ name: String) -> [TopicPartition: Int64] {
        let checkpointPath = path(name)
        guard fileSystem.fileExists(checkpointPath) else { return [:] }
        do {
            return try OffsetCheckpointFile.parse(
                String(buffer: try fileSystem.readSmallFile(checkpointPath)), path: checkpointPath)
        } catch {
            logger.warning("ignoring \(checkpointPath): \(error)")
            return [:]
        }
    }
}
