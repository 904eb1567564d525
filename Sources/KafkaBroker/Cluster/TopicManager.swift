import KafkaProtocol
import KafkaStorage
import Logging

/// The broker's view of its topics over KafkaStorage's `LogManager` (one log dir): lookups for Metadata and the
/// data path, creation and deletion for the admin APIs, and the periodic retention/checkpoint work.
public actor TopicManager: TopicMetadataSource {
    /// The broker's settings the handlers need (num.partitions, auto.create.topics.enable, message.max.bytes ...).
    public nonisolated let config: BrokerConfig
    public nonisolated let logManager: LogManager
    /// From meta.properties: an existing log dir keeps the cluster id it was formatted with.
    public nonisolated let clusterId: String
    /// The ACL authorizer when `authorizer.class.name` is set; its ACLs live in the log dir.
    public nonisolated let authorizer: Authorizer?
    /// By name; rebuilt from the log dir at open, kept in step with every change made through this actor.
    var topics: [String: TopicMetadata] = [:]
    /// Cluster-wide broker defaults set with AlterConfigs on the broker entity "": persisted in the log dir,
    /// applied to the partition logs and reported by DescribeConfigs (see TopicManager+BrokerDefaults).
    public internal(set) var dynamicBrokerDefaults: [String: String] = [:]
    var backgroundTask: Task<Void, Never>?
    /// The `log.flush.interval.ms` flusher; restarted when a dynamic default changes the interval.
    var flushTask: Task<Void, Never>?
    var backgroundStarted = false
    let logger = Logger(label: "kafka.server.TopicManager")

    init(config: BrokerConfig, logManager: LogManager, clusterId: String, authorizer: Authorizer? = nil) {
        self.config = config
        self.logManager = logManager
        self.clusterId = clusterId
        self.authorizer = authorizer
    }

    /// Opens (formatting if new) the single log dir, checks meta.properties against `node.id`, and loads every
    /// topic. `clusterId` is used only for a new log dir.
    public static func open(
        config: BrokerConfig, fileSystem: any StorageFileSystem = PosixFileSystem(), clusterId: String
    ) async throws -> TopicManager {
        guard config.logDirs.count == 1, let logDir = config.logDirs.first else {
            throw BrokerStartError(description: "multiple log.dirs are not supported yet")
        }
        try LogDirCheck.verify(logDir: logDir, nodeId: config.nodeId, fileSystem: fileSystem)
        let logManager = LogManager(logDirectory: logDir, fileSystem: fileSystem, defaultConfig: config.logConfig)
        let meta: MetaProperties
        do {
            meta = try await logManager.startup(clusterID: clusterId, nodeID: config.nodeId)
        } catch {
            throw BrokerStartError(description: "Unusable log dir \(logDir): \(error)")
        }
        var authorizer: Authorizer? = nil
        if let settings = config.authorizer {
            authorizer = try await Authorizer.open(settings: settings, logManager: logManager)
        }
        let manager = TopicManager(
            config: config, logManager: logManager, clusterId: meta.clusterID, authorizer: authorizer)
        await manager.reload()
        await manager.loadDynamicBrokerDefaults()
        return manager
    }

    func reload() async {
        topics = [:]
        for description in await logManager.topics() {
            topics[description.name] = Self.metadata(description)
        }
    }

    static func metadata(_ description: TopicDescription) -> TopicMetadata {
        TopicMetadata(
            name: description.name, id: description.topicID, isInternal: InternalTopics.contains(description.name),
            partitions: (0..<max(0, description.partitionCount)).map { TopicMetadata.Partition(index: $0) })
    }

    // MARK: Lookups

    public func allTopics() -> [TopicMetadata] { topics.values.sorted { $0.name < $1.name } }
    public func topic(named name: String) -> TopicMetadata? { topics[name] }
    public func topic(id: KafkaUUID) -> TopicMetadata? { topics.values.first { $0.id == id } }

    /// The log of one partition, or nil when the topic or partition does not exist.
    public func partitionLog(_ topicPartition: TopicPartition) async -> PartitionLog? {
        await logManager.partition(topicPartition)
    }

    /// A topic's config overrides (only what was set for it, not the broker defaults).
    public func configOverrides(of topic: String) async -> [String: String] {
        await logManager.topics().first { $0.name == topic }?.configs ?? [:]
    }

    public var configResolver: TopicConfigResolver {
        TopicConfigResolver(brokerConfig: config, dynamicBrokerDefaults: dynamicBrokerDefaults)
    }

    // MARK: Changes

    /// Creates `topic` with the broker defaults when `auto.create.topics.enable` is on and the name is valid;
    /// returns the topic's metadata (existing or new), or nil when it does not exist and cannot be created.
    public func autoCreate(topic: String) async -> TopicMetadata? {
        if let existing = topics[topic] { return existing }
        guard config.autoCreateTopicsEnable, TopicNameValidator.validate(topic) == nil,
            TopicNameValidator.collision(of: topic, with: topics.keys) == nil
        else { return nil }
        let partitions = topic == InternalTopics.consumerOffsets ? config.offsetsTopicNumPartitions : config.numPartitions
        do {
            return try await createTopic(topic, partitions: partitions, configs: [:])
        } catch {
            logger.error("Auto-creation of topic \(topic) failed: \(error)")
            return nil
        }
    }

    /// Creates a topic whose name, partition count and configs the caller has validated.
    @discardableResult
    public func createTopic(_ name: String, partitions: Int32, configs: [String: String]) async throws
        -> TopicMetadata
    {
        let id = try await logManager.createTopic(name, partitions: partitions, configs: configs)
        let metadata = TopicMetadata(
            name: name, id: id, isInternal: InternalTopics.contains(name),
            partitions: (0..<partitions).map { TopicMetadata.Partition(index: $0) })
        topics[name] = metadata
        logger.info("Created topic \(name) with topic ID \(id.base64) and \(partitions) partition(s)")
        return metadata
    }

    public func deleteTopic(_ name: String) async throws {
        try await logManager.deleteTopic(name)
        topics[name] = nil
        logger.info("Deleted topic \(name)")
    }

    /// Grows a topic to `count` partitions (the caller checked that it is an increase).
    public func createPartitions(_ name: String, count: Int32) async throws {
        try await logManager.createPartitions(topic: name, count: count)
        topics[name]?.partitions = (0..<count).map { TopicMetadata.Partition(index: $0) }
    }

    /// Replaces a topic's overrides, persisted and applied to its partition logs.
    public func setTopicConfigs(_ name: String, _ configs: [String: String]) async throws {
        try await logManager.setTopicConfigs(name, configs)
    }

    // MARK: Background work and shutdown

    /// Runs retention every `log.retention.check.interval.ms` and writes the checkpoint files after each pass;
    /// starts the `log.flush.interval.ms` flusher when an interval is set.
    public func startBackgroundTasks() {
        guard backgroundTask == nil else { return }
        backgroundStarted = true
        restartFlushTask()
        let interval = max(config.logRetentionCheckIntervalMs, 1)
        let logManager = self.logManager
        let logger = self.logger
        backgroundTask = Task {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .milliseconds(interval))
                } catch {
                    return
                }
                do {
                    try await logManager.enforceRetention()
                    try await logManager.writeCheckpoints()
                } catch {
                    logger.error("Retention check failed: \(error)")
                }
            }
        }
    }

    /// Stops the background work and closes every log cleanly (checkpoints and the clean-shutdown marker).
    public func shutdown() async throws {
        backgroundStarted = false
        let tasks = [backgroundTask, flushTask].compactMap { $0 }
        backgroundTask = nil
        flushTask = nil
        // Wait for a pass in progress, so it never meets a log that shutdown already closed.
        for task in tasks {
            task.cancel()
            await task.value
        }
        try await logManager.shutdown()
    }
}
