import Logging

/// Runs the broker as `kafka-server-start` does: format or check the log dirs, bind, serve until SIGTERM or
/// SIGINT, shut down cleanly. Errors thrown before serving are meant to become one line and exit code 1.
public enum KafkaBrokerRunner {
    public static let version = "4.0.0-swift"

    public static func run(config: BrokerConfig) async throws {
        let (server, topicManager) = try await start(config: config)
        let signal = await SignalWaiter.waitForTermination()
        await stop(
            server, topicManager: topicManager, config: config,
            reason: "Terminating process due to signal \(SignalWaiter.name(signal))")
    }

    /// Everything up to serving; returns the running server and the topic manager it serves.
    public static func start(config: BrokerConfig) async throws -> (BrokerServer, TopicManager) {
        let startNanos = ContinuousClock.now
        let logger = Logger(label: "kafka.server.KafkaRaftServer")
        let broker = Logger(label: "kafka.server.BrokerServer")
        let ident = "[BrokerServer id=\(config.nodeId)]"
        let configLogger = Logger(label: "org.apache.kafka.common.config.AbstractConfig")
        for key in config.unknownKeys {
            configLogger.warning("The configuration '\(key)' was supplied but isn't a known config.")
        }
        logConfigValues(config)
        broker.info("\(ident) Transition from SHUTDOWN to STARTING")
        let topicManager = try await TopicManager.open(config: config, clusterId: ClusterId.random())
        Logger(label: "kafka.log.LogManager").info(
            "Loaded meta.properties for cluster \(topicManager.clusterId), node \(config.nodeId), from \(config.logDirs.joined(separator: ","))")
        let server = BrokerServer(config: config, topicManager: topicManager)
        do {
            try await server.start()
        } catch {
            try? await topicManager.shutdown()
            throw error
        }
        await topicManager.startBackgroundTasks()
        broker.info("\(ident) Transition from STARTING to STARTED")
        let appInfo = Logger(label: "org.apache.kafka.common.utils.AppInfoParser")
        appInfo.info("Kafka version: \(version)")
        let elapsed = ContinuousClock.now - startNanos
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        logger.info("[KafkaRaftServer nodeId=\(config.nodeId)] Kafka Server started (in \(milliseconds) ms)")
        return (server, topicManager)
    }

    public static func stop(_ server: BrokerServer, topicManager: TopicManager, config: BrokerConfig, reason: String)
        async
    {
        Logger(label: "org.apache.kafka.common.utils.LoggingSignalHandler").info("\(reason)")
        let broker = Logger(label: "kafka.server.BrokerServer")
        let ident = "[BrokerServer id=\(config.nodeId)]"
        broker.info("\(ident) Transition from STARTED to SHUTTING_DOWN")
        broker.info("\(ident) shutting down")
        await server.shutdown()
        do {
            try await topicManager.shutdown()
        } catch {
            Logger(label: "kafka.log.LogManager").error("Error while closing the logs: \(error)")
        }
        broker.info("\(ident) shut down completed")
        broker.info("\(ident) Transition from SHUTTING_DOWN to SHUTDOWN")
        Logger(label: "kafka.server.KafkaRaftServer").info("[KafkaRaftServer nodeId=\(config.nodeId)] shut down completed")
    }

    /// Apache prints every setting at start-up; this prints the supplied ones and the effective typed values.
    private static func logConfigValues(_ config: BrokerConfig) {
        var lines = ["KafkaConfig values: "]
        let effective: [(String, String)] = [
            ("advertised.listeners", config.servedListeners.map { config.advertised(for: $0).description }.joined(separator: ",")),
            ("auto.create.topics.enable", "\(config.autoCreateTopicsEnable)"),
            ("default.replication.factor", "\(config.defaultReplicationFactor)"),
            ("delete.topic.enable", "\(config.deleteTopicEnable)"),
            ("group.initial.rebalance.delay.ms", "\(config.groupInitialRebalanceDelayMs)"),
            ("group.max.session.timeout.ms", "\(config.groupMaxSessionTimeoutMs)"),
            ("group.max.size", "\(config.groupMaxSize)"),
            ("group.min.session.timeout.ms", "\(config.groupMinSessionTimeoutMs)"),
            ("listeners", config.listeners.map(\.description).joined(separator: ",")),
            ("log.dirs", config.logDirs.joined(separator: ",")),
            ("log.flush.interval.messages", "\(config.logFlushIntervalMessages)"),
            ("log.flush.interval.ms", config.logFlushIntervalMs.map(String.init) ?? "null"),
            ("log.message.timestamp.type", config.logMessageTimestampType.rawValue),
            ("log.retention.bytes", "\(config.logRetentionBytes)"),
            ("log.retention.check.interval.ms", "\(config.logRetentionCheckIntervalMs)"),
            ("log.retention.ms", "\(config.logRetentionMs)"),
            ("log.roll.ms", "\(config.logRollMs)"),
            ("log.segment.bytes", "\(config.logSegmentBytes)"),
            ("message.max.bytes", "\(config.messageMaxBytes)"),
            ("node.id", "\(config.nodeId)"),
            ("num.partitions", "\(config.numPartitions)"),
            ("offset.metadata.max.bytes", "\(config.offsetMetadataMaxBytes)"),
            ("offsets.retention.check.interval.ms", "\(config.offsetsRetentionCheckIntervalMs)"),
            ("offsets.retention.minutes", "\(config.offsetsRetentionMinutes)"),
            ("offsets.topic.num.partitions", "\(config.offsetsTopicNumPartitions)"),
            ("offsets.topic.segment.bytes", "\(config.offsetsTopicSegmentBytes)"),
            ("process.roles", config.processRoles.joined(separator: ",")),
            ("socket.request.max.bytes", "\(config.socketRequestMaxBytes)"),
        ]
        for (key, value) in effective { lines.append("\t\(key) = \(value)") }
        Logger(label: "kafka.server.KafkaConfig").info("\(lines.joined(separator: "\n"))")
    }
}
