import KafkaProperties
import KafkaSecurity

extension BrokerConfig {
    /// The settings used when `kafka-server-start` is given no file, as in Apache's quick start.
    public static let noFileDefaults: [String: String] = [
        "listeners": "PLAINTEXT://localhost:9092", "log.dirs": "/tmp/kraft-combined-logs", "node.id": "1",
    ]

    /// Reads a properties file (nil: no file), applies `--override key=value` entries in order, and validates.
    public static func load(file path: String?, overrides: [String]) throws -> BrokerConfig {
        var values: [String: String] = [:]
        if let path {
            let text: String
            do {
                text = try FileIO.readText(path)
            } catch let error as FileIO.Error {
                throw ConfigError.unreadableFile(path: path, reason: error.description)
            }
            do {
                for entry in try JavaProperties.parse(text) { values[entry.key] = entry.value }
            } catch {
                throw ConfigError.malformedFile(path: path, reason: "\(error)")
            }
        } else {
            values = noFileDefaults
        }
        for override in overrides {
            guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
                throw ConfigError.malformedOverride(override)
            }
            values[String(override[..<equals])] = String(override[override.index(after: equals)...])
        }
        return try BrokerConfig(values: values)
    }

    /// Builds the typed settings from raw key/value pairs; throws on the first invalid value.
    public init(values: [String: String]) throws {
        self.init()
        let reader = ConfigValueReader(values: values)
        supplied = values
        unknownKeys = values.keys.filter { !ConfigKeys.isKnown($0) }.sorted()

        if let roles = reader.raw("process.roles") {
            processRoles = roles.split(separator: ",").map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
            guard processRoles.contains("broker"), processRoles.allSatisfy({ $0 == "broker" || $0 == "controller" }) else {
                throw ConfigError.invalidValue(
                    key: "process.roles", value: roles, reason: "Expected broker or broker,controller")
            }
        }
        // Apache 4 has only node.id; broker.id is its older synonym and must agree when both are given.
        nodeId = try reader.int32("node.id", atLeast: 0) ?? reader.int32("broker.id", atLeast: 0) ?? nodeId
        if let brokerId = try reader.int32("broker.id", atLeast: 0), brokerId != nodeId {
            throw ConfigError.invalidValue(
                key: "broker.id", value: String(brokerId), reason: "must equal node.id (\(nodeId))")
        }

        controllerListenerNames = reader.list("controller.listener.names").map { $0.uppercased() }
        interBrokerListenerName = reader.raw("inter.broker.listener.name").map { String($0.trimmingBlanks()) }
        controllerQuorumVoters = reader.raw("controller.quorum.voters")
        controllerQuorumBootstrapServers = reader.raw("controller.quorum.bootstrap.servers")
        if let text = reader.raw("listeners") { listeners = try ListenerSpec.parseList(text, key: "listeners") }
        if let text = reader.raw("advertised.listeners") {
            advertisedListeners = try ListenerSpec.parseList(text, key: "advertised.listeners")
        }
        if let map = reader.raw("listener.security.protocol.map") {
            listenerSecurityProtocolMap = try Self.parseProtocolMap(map)
        } else if !listeners.contains(where: { ["SSL", "SASL_SSL", "SASL_PLAINTEXT"].contains($0.name) })
            && !controllerListenerNames.contains(where: { ["SSL", "SASL_SSL", "SASL_PLAINTEXT"].contains($0) })
        {
            // Kafka (KRaft): with the default map and no SSL/SASL listener names, controller listeners are PLAINTEXT.
            for name in controllerListenerNames where listenerSecurityProtocolMap[name] == nil {
                listenerSecurityProtocolMap[name] = "PLAINTEXT"
            }
        }
        try validateListeners()
        for listener in servedListeners {
            guard let name = securityProtocol(of: listener.name), let security = SecurityProtocol(name: name) else { continue }
            listenerSecurity[listener.name] = try ListenerSecurity.resolve(
                listener: listener.name, protocol: security, values: values)
        }

        if let dirs = reader.raw("log.dirs") ?? reader.raw("log.dir") {
            logDirs = dirs.split(separator: ",").map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
            guard !logDirs.isEmpty else {
                throw ConfigError.invalidValue(
                    key: reader.raw("log.dirs") != nil ? "log.dirs" : "log.dir", value: dirs,
                    reason: "At least one log directory must be given")
            }
        }
        numPartitions = try reader.int32("num.partitions", atLeast: 1) ?? numPartitions
        defaultReplicationFactor = Int16(try reader.int32("default.replication.factor", atLeast: 1, atMost: 32767) ?? 1)
        autoCreateTopicsEnable = try reader.bool("auto.create.topics.enable") ?? autoCreateTopicsEnable
        deleteTopicEnable = try reader.bool("delete.topic.enable") ?? deleteTopicEnable

        // Apache's precedence: ms, then minutes, then hours; -1 (any unit) keeps data forever.
        if let ms = try reader.int64("log.retention.ms", atLeast: -1) {
            logRetentionMs = ms
        } else if let minutes = try reader.int32("log.retention.minutes", atLeast: -1) {
            logRetentionMs = minutes < 0 ? -1 : Int64(minutes) * 60_000
        } else if let hours = try reader.int32("log.retention.hours", atLeast: -1) {
            logRetentionMs = hours < 0 ? -1 : Int64(hours) * 3_600_000
        }
        logRetentionBytes = try reader.int64("log.retention.bytes") ?? logRetentionBytes
        logSegmentBytes = try reader.int32("log.segment.bytes", atLeast: 14) ?? logSegmentBytes
        if let ms = try reader.int64("log.roll.ms", atLeast: 1) {
            logRollMs = ms
        } else if let hours = try reader.int32("log.roll.hours", atLeast: 1) {
            logRollMs = Int64(hours) * 3_600_000
        }
        logRetentionCheckIntervalMs =
            try reader.int64("log.retention.check.interval.ms", atLeast: 1) ?? logRetentionCheckIntervalMs
        messageMaxBytes = try reader.int32("message.max.bytes", atLeast: 0) ?? messageMaxBytes
        logFlushIntervalMessages = try reader.int64("log.flush.interval.messages", atLeast: 1) ?? logFlushIntervalMessages
        logFlushIntervalMs = try reader.int64("log.flush.interval.ms")
        if let type = reader.raw("log.message.timestamp.type") {
            guard let parsed = TimestampType(rawValue: String(type.trimmingBlanks())) else {
                throw ConfigError.invalidValue(
                    key: "log.message.timestamp.type", value: type, reason: "String must be one of: CreateTime, LogAppendTime")
            }
            logMessageTimestampType = parsed
        }
        socketRequestMaxBytes = try reader.int32("socket.request.max.bytes", atLeast: 1) ?? socketRequestMaxBytes
        offsetsTopicNumPartitions = try reader.int32("offsets.topic.num.partitions", atLeast: 1) ?? offsetsTopicNumPartitions
        offsetsRetentionMinutes = try reader.int32("offsets.retention.minutes", atLeast: 1) ?? offsetsRetentionMinutes
        groupInitialRebalanceDelayMs =
            try reader.int32("group.initial.rebalance.delay.ms") ?? groupInitialRebalanceDelayMs
        groupMinSessionTimeoutMs = try reader.int32("group.min.session.timeout.ms") ?? groupMinSessionTimeoutMs
        groupMaxSessionTimeoutMs = try reader.int32("group.max.session.timeout.ms") ?? groupMaxSessionTimeoutMs
        groupMaxSize = try reader.int32("group.max.size", atLeast: 1) ?? groupMaxSize
        offsetsRetentionCheckIntervalMs =
            try reader.int64("offsets.retention.check.interval.ms", atLeast: 1) ?? offsetsRetentionCheckIntervalMs
        offsetMetadataMaxBytes = try reader.int32("offset.metadata.max.bytes") ?? offsetMetadataMaxBytes
        offsetsTopicSegmentBytes = try reader.int32("offsets.topic.segment.bytes", atLeast: 1) ?? offsetsTopicSegmentBytes
        authorizer = try AuthorizerSettings(reader: reader)
    }

    private static func parseProtocolMap(_ text: String) throws -> [String: String] {
        var map: [String: String] = [:]
        for pair in text.split(separator: ",").map({ $0.trimmingBlanks() }) where !pair.isEmpty {
            let parts = pair.split(separator: ":", maxSplits: 1).map { String($0.trimmingBlanks()).uppercased() }
            guard parts.count == 2, !parts[0].isEmpty, SecurityProtocol(name: parts[1]) != nil else {
                throw ConfigError.invalidValue(
                    key: "listener.security.protocol.map", value: text,
                    reason: "Map entry \(pair) is not LISTENER_NAME:SECURITY_PROTOCOL")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }

    /// Every listener needs a security protocol; a controller listener is accepted (and not bound).
    private func validateListeners() throws {
        let shown = listeners.map(\.description).joined(separator: ",")
        for listener in listeners where securityProtocol(of: listener.name) == nil {
            throw ConfigError.invalidValue(
                key: "listeners", value: shown, reason: "No security protocol defined for listener \(listener.name)")
        }
        guard !servedListeners.isEmpty else {
            throw ConfigError.invalidValue(key: "listeners", value: shown, reason: "No listener to serve")
        }
        for advertised in advertisedListeners where !listeners.contains(where: { $0.name == advertised.name }) {
            throw ConfigError.invalidValue(
                key: "advertised.listeners", value: advertisedListeners.map(\.description).joined(separator: ","),
                reason: "listener \(advertised.name) is not in listeners")
        }
        if let inter = interBrokerListenerName, !listeners.contains(where: { $0.name == inter }) {
            throw ConfigError.invalidValue(
                key: "inter.broker.listener.name", value: inter, reason: "must be one of the listeners (\(shown))")
        }
    }
}
