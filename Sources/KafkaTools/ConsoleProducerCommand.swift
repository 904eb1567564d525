import ArgumentParser
import KafkaCLISupport

/// `kafka-console-producer`: Read data from standard input and publish it to Kafka.
public struct ConsoleProducerCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-console-producer",
        abstract: "Read data from standard input and publish it to Kafka."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
