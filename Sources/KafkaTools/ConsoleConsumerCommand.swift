import ArgumentParser
import KafkaCLISupport

/// `kafka-console-consumer`: Consume messages from a topic and print them to standard output.
public struct ConsoleConsumerCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-console-consumer",
        abstract: "Consume messages from a topic and print them to standard output."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
