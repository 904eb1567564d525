import ArgumentParser
import KafkaCLISupport

/// `kafka-configs`: Add, remove, or describe configs for topics, brokers, clients and users.
public struct ConfigsCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-configs",
        abstract: "Add, remove, or describe configs for topics, brokers, clients and users."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
