import ArgumentParser
import KafkaCLISupport

/// `kafka-dump-log`: Print the contents of Kafka log segments, indexes and snapshots.
public struct DumpLogCommand: PendingTool {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-dump-log",
        abstract: "Print the contents of Kafka log segments, indexes and snapshots."
    )

    @Argument(parsing: .allUnrecognized, help: .hidden)
    public var arguments: [String] = []

    public init() {}
}
