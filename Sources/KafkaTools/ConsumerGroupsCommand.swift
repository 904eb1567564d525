import ArgumentParser
import KafkaCLISupport

/// `kafka-consumer-groups`: List, describe, delete consumer groups and reset their offsets.
public struct ConsumerGroupsCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-consumer-groups",
        abstract: "List, describe, delete consumer groups and reset their offsets."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
