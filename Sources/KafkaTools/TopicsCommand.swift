import ArgumentParser
import KafkaCLISupport

/// `kafka-topics`: Create, delete, describe, or change a topic.
public struct TopicsCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-topics",
        abstract: "Create, delete, describe, or change a topic."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
