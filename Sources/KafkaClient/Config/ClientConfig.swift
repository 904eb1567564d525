/// The settings every client (admin, producer, consumer) shares, read from Kafka's property names.
public struct ClientConfig: Sendable, Hashable {
    public var bootstrapServers: [BrokerAddress]
    public var clientId: String
    /// `request.timeout.ms`: how long one request may wait for its response.
    public var requestTimeoutMs: Int64
    /// `retry.backoff.ms`: the pause before retrying a failed call.
    public var retryBackoffMs: Int64
    /// `metadata.max.age.ms`: metadata older than this is refreshed before use.
    public var metadataMaxAgeMs: Int64
    /// `default.api.timeout.ms`: the overall deadline of an admin call.
    public var defaultApiTimeoutMs: Int64
    /// `socket.connection.setup.timeout.ms`: one TCP connect attempt.
    public var connectionSetupTimeoutMs: Int64
    /// `client.software.name` / `.version` sent in ApiVersions.
    public var softwareName = "swift-kafka-tools"
    public var softwareVersion = "0.1.0"
    /// `security.protocol` and its TLS and SASL settings.
    public var security: ClientSecurityConfig

    public init(
        bootstrapServers: [BrokerAddress], clientId: String = "", requestTimeoutMs: Int64 = 30_000,
        retryBackoffMs: Int64 = 100, metadataMaxAgeMs: Int64 = 300_000, defaultApiTimeoutMs: Int64 = 60_000,
        connectionSetupTimeoutMs: Int64 = 10_000, security: ClientSecurityConfig = .plaintext
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
        self.requestTimeoutMs = requestTimeoutMs
        self.retryBackoffMs = retryBackoffMs
        self.metadataMaxAgeMs = metadataMaxAgeMs
        self.defaultApiTimeoutMs = defaultApiTimeoutMs
        self.connectionSetupTimeoutMs = connectionSetupTimeoutMs
        self.security = security
    }

    /// Reads the shared keys from client properties; `bootstrap.servers` is required.
    public init(properties: [String: String]) throws {
        let reader = PropertyReader(properties)
        guard let servers = properties["bootstrap.servers"] else {
            throw KafkaClientError.invalidConfiguration(
                "Missing required configuration \"bootstrap.servers\" which has no default value.")
        }
        self.init(
            bootstrapServers: try BrokerAddress.parseList(servers),
            clientId: properties["client.id"] ?? "",
            requestTimeoutMs: try reader.int64("request.timeout.ms", default: 30_000, atLeast: 0),
            retryBackoffMs: try reader.int64("retry.backoff.ms", default: 100, atLeast: 0),
            metadataMaxAgeMs: try reader.int64("metadata.max.age.ms", default: 300_000, atLeast: 0),
            defaultApiTimeoutMs: try reader.int64("default.api.timeout.ms", default: 60_000, atLeast: 0),
            connectionSetupTimeoutMs: try reader.int64("socket.connection.setup.timeout.ms", default: 10_000, atLeast: 0),
            security: try ClientSecurityConfig(properties: properties)
        )
    }
}

/// Typed reads of Kafka client properties with Java's ConfigException wording.
struct PropertyReader {
    let properties: [String: String]

    init(_ properties: [String: String]) {
        self.properties = properties
    }

    func int64(_ key: String, default fallback: Int64, atLeast minimum: Int64? = nil) throws -> Int64 {
        guard let text = properties[key]?.trimmingBlanks() else { return fallback }
        guard let value = Int64(text) else {
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(text) for configuration \(key): Not a number of type LONG")
        }
        if let minimum, value < minimum {
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(value) for configuration \(key): Value must be at least \(minimum)")
        }
        return value
    }

    func int32(_ key: String, default fallback: Int32, atLeast minimum: Int32? = nil) throws -> Int32 {
        guard let text = properties[key]?.trimmingBlanks() else { return fallback }
        guard let value = Int32(text) else {
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(text) for configuration \(key): Not a number of type INT")
        }
        if let minimum, value < minimum {
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(value) for configuration \(key): Value must be at least \(minimum)")
        }
        return value
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let text = properties[key]?.trimmingBlanks() else { return fallback }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(text) for configuration \(key): Expected value to be either true or false")
        }
    }

    func string(_ key: String) -> String? { properties[key]?.trimmingBlanks() }
}

extension String {
    /// Java's `String.trim()`: drops leading and trailing characters ≤ U+0020.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(scalars[first...last])
    }
}
