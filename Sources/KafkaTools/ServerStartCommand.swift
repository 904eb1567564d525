import ArgumentParser
import KafkaCLISupport

/// `kafka-server-start`: Start the bundled single-node Kafka broker.
public struct ServerStartCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-server-start",
        abstract: "Start the bundled single-node Kafka broker."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
