/// What a consumer does when it has no committed offset, or its offset is out of range.
public enum AutoOffsetReset: String, Sendable, Hashable {
    case earliest
    case latest
    case none
}

/// Consumer settings, read from Kafka's property names with Apache's defaults.
public struct ConsumerConfig: Sendable {
    public var client: ClientConfig
    public var groupId: String?
    public var groupInstanceId: String?
    public var autoOffsetReset: AutoOffsetReset
    public var enableAutoCommit: Bool
    public var autoCommitIntervalMs: Int64
    public var fetchMinBytes: Int32
    public var fetchMaxWaitMs: Int32
    public var fetchMaxBytes: Int32
    public var maxPartitionFetchBytes: Int32
    public var maxPollRecords: Int
    public var maxPollIntervalMs: Int32
    public var sessionTimeoutMs: Int32
    public var heartbeatIntervalMs: Int64
    public var isolationLevel: IsolationLevel
    public var checkCRCs: Bool
    /// Assignor names in preference order (`range`, `roundrobin`, `cooperative-sticky`).
    public var assignmentStrategies: [String]
    public var clientRack: String

    public init(properties: [String: String]) throws {
        client = try ClientConfig(properties: properties)
        let reader = PropertyReader(properties)
        groupId = reader.string("group.id").flatMap { $0.isEmpty ? nil : $0 }
        groupInstanceId = reader.string("group.instance.id").flatMap { $0.isEmpty ? nil : $0 }
        let reset = reader.string("auto.offset.reset") ?? "latest"
        guard let parsedReset = AutoOffsetReset(rawValue: reset.lowercased()) else {
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(reset) for configuration auto.offset.reset: Invalid value `\(reset)` for configuration "
                    + "auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format "
                    + "'by_duration:<PnDTnHnMn.nS.>'.")
        }
        autoOffsetReset = parsedReset
        enableAutoCommit = try reader.bool("enable.auto.commit", default: groupId != nil)
        if enableAutoCommit && groupId == nil && properties["enable.auto.commit"] != nil {
            throw KafkaClientError.invalidConfiguration(
                "enable.auto.commit cannot be set to true when default group id (null) is used.")
        }
        autoCommitIntervalMs = try reader.int64("auto.commit.interval.ms", default: 5000, atLeast: 0)
        fetchMinBytes = try reader.int32("fetch.min.bytes", default: 1, atLeast: 0)
        fetchMaxWaitMs = try reader.int32("fetch.max.wait.ms", default: 500, atLeast: 0)
        fetchMaxBytes = try reader.int32("fetch.max.bytes", default: 52_428_800, atLeast: 0)
        maxPartitionFetchBytes = try reader.int32("max.partition.fetch.bytes", default: 1_048_576, atLeast: 0)
        maxPollRecords = Int(try reader.int32("max.poll.records", default: 500, atLeast: 1))
        maxPollIntervalMs = try reader.int32("max.poll.interval.ms", default: 300_000, atLeast: 1)
        sessionTimeoutMs = try reader.int32("session.timeout.ms", default: 45_000)
        heartbeatIntervalMs = try reader.int64("heartbeat.interval.ms", default: 3000)
        let isolation = reader.string("isolation.level") ?? "read_uncommitted"
        switch isolation.lowercased() {
        case "read_uncommitted": isolationLevel = .readUncommitted
        case "read_committed": isolationLevel = .readCommitted
        default:
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(isolation) for configuration isolation.level: String must be one of: "
                    + "read_committed, read_uncommitted")
        }
        checkCRCs = try reader.bool("check.crcs", default: true)
        assignmentStrategies = try Self.parseStrategies(
            reader.string("partition.assignment.strategy") ?? "range,cooperative-sticky")
        clientRack = reader.string("client.rack") ?? ""
        if properties["client.id"] == nil { client.clientId = "consumer-\(groupId ?? "")-1" }
    }

    /// Accepts Kafka's short names and the Java class names of the built-in assignors.
    static func parseStrategies(_ text: String) throws -> [String] {
        let names = text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
        return try names.map { name in
            switch name {
            case "range", "org.apache.kafka.clients.consumer.RangeAssignor": return "range"
            case "roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor": return "roundrobin"
            case "cooperative-sticky", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor":
                return "cooperative-sticky"
            default:
                throw KafkaClientError.invalidConfiguration(
                    "Invalid value \(name) for configuration partition.assignment.strategy: Class \(name) cannot be found")
            }
        }
    }

    /// Every consumer property Apache's client knows, so that unknown ones can be warned about.
    public static let knownProperties = Set<String>([
        "bootstrap.servers", "client.id", "group.id", "group.instance.id", "group.protocol", "group.remote.assignor",
        "auto.offset.reset", "enable.auto.commit", "auto.commit.interval.ms", "fetch.min.bytes", "fetch.max.wait.ms",
        "fetch.max.bytes", "max.partition.fetch.bytes", "max.poll.records", "max.poll.interval.ms",
        "session.timeout.ms", "heartbeat.interval.ms", "isolation.level", "check.crcs",
        "partition.assignment.strategy", "client.rack", "key.deserializer", "value.deserializer",
        "request.timeout.ms", "default.api.timeout.ms", "retry.backoff.ms", "retry.backoff.max.ms",
        "metadata.max.age.ms", "send.buffer.bytes", "receive.buffer.bytes", "socket.connection.setup.timeout.ms",
        "socket.connection.setup.timeout.max.ms", "connections.max.idle.ms", "reconnect.backoff.ms",
        "reconnect.backoff.max.ms", "client.dns.lookup", "interceptor.classes", "exclude.internal.topics",
        "allow.auto.create.topics", "metric.reporters", "metrics.num.samples", "metrics.recording.level",
        "metrics.sample.window.ms", "security.protocol", "security.providers", "enable.metrics.push",
        "auto.include.jmx.reporter",
    ]).union(ClientSecurityConfig.knownProperties)
}
