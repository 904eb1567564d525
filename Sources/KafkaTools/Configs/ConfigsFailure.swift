/// How a kafka-configs run fails, by where Apache's `ConfigCommand.main` sends it.
enum ConfigsFailure: Error, Hashable, CustomStringConvertible {
    /// `IllegalArgumentException`, `InvalidConfigurationException`, `OptionException`,
    /// `UnsupportedVersionException`: the bare message on stderr.
    case plain(String)
    /// Anything else (broker errors, an invalid topic name, unreadable files): Apache prints
    /// `Error while executing config command with args '…'` and a stack trace; we print that line with the
    /// message appended.
    case execution(String)

    var description: String {
        switch self {
        case .plain(let message), .execution(let message): return message
        }
    }

    static let incrementalAlterUnsupported =
        "The INCREMENTAL_ALTER_CONFIGS API is not supported by the cluster. The API is supported starting from version 2.3.0. You may want to use an older version of this tool to interact with your cluster, or upgrade your brokers to version 2.3.0 or newer to avoid this error."

    static func unsupportedEntityType(_ type: String) -> ConfigsFailure {
        .plain(
            "kafka-configs: --entity-type \(type) is not supported yet (it needs the client quota APIs)"
        )
    }

    static func unlistable(_ type: String) -> ConfigsFailure {
        .plain(
            "kafka-configs: describing every \(ConfigsText.singular(type)) is not supported yet; name one with --entity-name"
        )
    }
}
