import KafkaClient
import KafkaProperties

/// `--bootstrap-server` and `--command-config` as every admin tool reads them: the file's client properties with
/// `bootstrap.servers` from the option, and a bounded default deadline for each call.
public struct AdminConnection: Sendable, Hashable {
    /// Our tools give up on an unreachable cluster after 30 s unless the command config says otherwise (Apache's
    /// admin client waits `default.api.timeout.ms`, 60 s, while logging a warning per connection attempt).
    public static let defaultApiTimeoutMs = "30000"

    public var bootstrapServers: String
    public var commandConfigPath: String?

    public init(bootstrapServers: String, commandConfigPath: String?) {
        self.bootstrapServers = bootstrapServers
        self.commandConfigPath = commandConfigPath
    }

    /// The client properties: the command config file (if any), then `bootstrap.servers` from the option, then
    /// our default timeout where the file sets none.
    public func properties() throws -> [String: String] {
        var properties = try commandConfigPath.map { try PropertiesFile.load(path: $0) } ?? [:]
        properties["bootstrap.servers"] = bootstrapServers
        if properties["default.api.timeout.ms"] == nil {
            properties["default.api.timeout.ms"] = Self.defaultApiTimeoutMs
        }
        return properties
    }

    /// A client for the cluster; fails on an unreadable command config or an invalid setting, never on the
    /// network (the first call connects).
    public func open() throws -> any AdminOperations {
        try KafkaAdminClient(properties: properties())
    }
}
