import ArgumentParser
import KafkaBroker
import KafkaCLISupport
import Logging

/// `kafka-server-start`: Apache's `kafka-server-start.sh` for the bundled broker. Lives outside KafkaTools so
/// that the tools never link the broker, and outside the executable so tests can reach its parser.
public struct ServerStartCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-server-start",
        abstract: "Start the bundled single-node Kafka broker.",
        discussion: """
            Reads Apache Kafka's server.properties (KRaft, one combined broker and controller node). Without a \
            file the broker listens on PLAINTEXT://localhost:9092 with node.id=1 and log.dirs=/tmp/kraft-combined-logs. \
            It stops cleanly on SIGTERM or SIGINT.
            """,
        version: KafkaBrokerRunner.version
    )

    @Argument(help: ArgumentHelp("The broker's properties file.", valueName: "server.properties"))
    public var configFile: String?

    @Option(
        name: .customLong("override"),
        help: ArgumentHelp("Set a property, overriding the file (repeatable).", valueName: "key=value"))
    public var overrides: [String] = []

    public init() {}

    public func run() async throws {
        LoggingSystem.bootstrap { KafkaLogHandler(label: $0) }
        let config: BrokerConfig
        do {
            config = try BrokerConfig.load(file: configFile, overrides: overrides)
        } catch {
            printToStandardError("kafka-server-start: \(error)")
            throw ExitCode(1)
        }
        do {
            try await KafkaBrokerRunner.run(config: config)
        } catch {
            Logger(label: "kafka.Kafka$").critical("Exiting Kafka due to fatal exception: \(error)")
            printToStandardError("kafka-server-start: \(error)")
            throw ExitCode(1)
        }
    }
}
