import ArgumentParser
import KafkaCLISupport
import KafkaClient

/// `kafka-console-consumer`: Apache's `ConsoleConsumer` with its command line, output and exit codes (differences
/// in docs/cli-compat.md).
///
/// The properties below describe the options for `--help`, the shell completions and the man page; the command
/// line itself is read by `JoptParser` with jopt-simple's rules.
public struct ConsoleConsumerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-console-consumer",
        abstract: "Consume messages from a topic and print them to standard output.",
        discussion: ConsoleConsumerOptions.helpBlurb,
        // jopt knows no `-h`; only `--help` is listed.
        helpNames: .long
    )

    @Option(help: ArgumentHelp("REQUIRED: The server(s) to connect to.", valueName: "server to connect to"))
    var bootstrapServer: String?
    @Option(help: ArgumentHelp("The topic to consume from.", valueName: "topic")) var topic: String?
    @Option(
        help: ArgumentHelp(
            "Regular expression specifying list of topics to include for consumption.",
            valueName: "Java regex (String)"))
    var include: String?
    @Option(
        help: ArgumentHelp(
            "The partition to consume from. Consumption starts from the end of the partition unless '--offset' is specified.",
            valueName: "partition"))
    var partition: Int32?
    @Option(
        help: ArgumentHelp(
            "The offset to consume from (a non-negative number), or 'earliest' which means from beginning, or 'latest' which means from end (default: latest). Not in Apache's tool: -N for the last N offsets, @<epoch-ms> or an ISO-8601 time (2024-05-01T12:00:00Z) for the first offset at or after that time.",
            valueName: "consume offset"))
    var offset: String?
    @Option(help: ArgumentHelp("The consumer group id of the consumer.", valueName: "consumer group id"))
    var group: String?
    @Flag(
        help:
            "If the consumer does not already have an established offset to consume from, start with the earliest message present in the log rather than the latest message."
    )
    var fromBeginning = false
    @Option(
        help: ArgumentHelp(
            "The maximum number of messages to consume before exiting. If not set, consumption is continual.",
            valueName: "num_messages"))
    var maxMessages: Int32?
    @Option(
        help: ArgumentHelp(
            "If specified, exit if no message is available for consumption for the specified interval.",
            valueName: "timeout_ms"))
    var timeoutMs: Int64?
    @Option(
        help: ArgumentHelp(
            "The name of a class to use for formatting kafka messages for display. (default: org.apache.kafka.tools.consumer.DefaultMessageFormatter)",
            valueName: "class"),
        completion: .list(
            ["DefaultMessageFormatter", "LoggingMessageFormatter", "NoOpMessageFormatter"].map {
                ConsoleFormatter.package + $0
            }))
    var formatter: String?
    @Option(
        help: ArgumentHelp(
            "The properties to initialize the message formatter: print.timestamp, print.key, print.offset, print.epoch, print.partition, print.headers, print.value (true|false), key.separator, line.separator, headers.separator, null.literal, key.deserializer, value.deserializer, headers.deserializer, and settings for the deserializers under 'key.deserializer.', 'value.deserializer.' and 'headers.deserializer.'.",
            valueName: "prop"))
    var formatterProperty: [String] = []
    @Option(
        help: ArgumentHelp(
            "(DEPRECATED) The properties to initialize the message formatter. This option will be removed in a future version. Use --formatter-property instead.",
            valueName: "prop"))
    var property: [String] = []
    @Option(
        help: ArgumentHelp(
            "Config properties file to initialize the message formatter. Note that [formatter-property] takes precedence over this config.",
            valueName: "config file"),
        completion: .file())
    var formatterConfig: String?
    @Option(help: ArgumentHelp("Consumer config properties in the form key=value.", valueName: "consumer_prop"))
    var commandProperty: [String] = []
    @Option(
        help: ArgumentHelp(
            "(DEPRECATED) Consumer config properties in the form key=value. This option will be removed in a future version. Use --command-property instead.",
            valueName: "consumer_prop"))
    var consumerProperty: [String] = []
    @Option(
        help: ArgumentHelp(
            "Consumer config properties file. Note that [command-property] takes precedence over this config.",
            valueName: "config file"),
        completion: .file())
    var commandConfig: String?
    @Option(
        name: .customLong("consumer.config"),
        help: ArgumentHelp(
            "(DEPRECATED) Consumer config properties file. Note that [command-property] takes precedence over this config. This option will be removed in a future version. Use --command-config instead.",
            valueName: "config file"),
        completion: .file())
    var consumerConfig: String?
    @Option(
        help: ArgumentHelp("The name of the class to use for deserializing keys.", valueName: "deserializer for keys"),
        completion: .list(BuiltInDeserializer.allCases.map(\.rawValue)))
    var keyDeserializer: String?
    @Option(
        help: ArgumentHelp(
            "The name of the class to use for deserializing values.", valueName: "deserializer for values"),
        completion: .list(BuiltInDeserializer.allCases.map(\.rawValue)))
    var valueDeserializer: String?
    @Option(
        help: ArgumentHelp(
            "Set to read_committed in order to filter out transactional messages which are not committed. Set to read_uncommitted to read all messages. (default: read_uncommitted)"
        ),
        completion: .list(["read_uncommitted", "read_committed"]))
    var isolationLevel: String?
    @Flag(help: "If there is an error when processing a message, skip it instead of halt.")
    var skipMessageOnError = false
    @Flag(
        help:
            "Log lifecycle events of the consumer in addition to logging consumed messages. (This is specific for system tests.)"
    )
    var enableSystestEvents = false
    @Option(
        help: ArgumentHelp(
            "Not in Apache's tool: print each record as one JSON object per line with kcat -J's fields (see docs/json-output.md).",
            valueName: "text|json"),
        completion: .list(["text", "json"]))
    var output: String?
    @Flag(help: "Display Kafka version.") var version = false

    public init() {}

    /// The tool's entry point: reads the process arguments, runs, exits with the tool's status.
    public static func runAndExit() async -> Never {
        let argv = toolArguments()
        ToolLogHandler.bootstrap()
        StopSignals.ignoreBrokenPipe()
        let signals = StopSignals()
        let status = await execute(
            argv, output: OutputBuffer(), errorText: writeToStandardError, onStop: signals.install,
            watchOutput: StandardOutputWatch.isPipe
        ) { try KafkaConsumer(properties: $0) }
        ToolEntry.exit(status)
    }

    /// Our client's poll does bookkeeping in proportion to the records it holds (KafkaClient's ConsumerEngine
    /// rebuilds a set of the buffered partitions on every poll), so with Kafka's default of 500 records a poll,
    /// polling costs more than printing. Larger polls change nothing visible; a value the user sets is kept.
    static let recordsPerPoll = "5000"

    static func clientProperties(_ properties: [String: String]) -> [String: String] {
        var properties = properties
        if properties["max.poll.records"] == nil { properties["max.poll.records"] = recordsPerPoll }
        return properties
    }

    /// Parses, validates and runs one command line; returns the exit status. `onStop` installs what calls its
    /// argument on SIGINT/SIGTERM; `connect` builds the consumer (tests pass a fake).
    static func execute(
        _ argv: [String], output: OutputBuffer, errorText: @escaping (String) -> Void,
        onStop: (@escaping @Sendable () -> Void) -> Void = { _ in },
        randomGroupNumber: () -> Int = { Int.random(in: 0..<100_000) }, watchOutput: Bool = false,
        connect: ([String: String]) throws -> any ConsoleConsumerClient
    ) async -> Int32 {
        let errorLine = { (line: String) in
            output.flush()
            errorText(line + "\n")
        }
        defer { output.flush() }
        let parsed: JoptParsedArguments
        do {
            parsed = try ConsoleConsumerOptions.parser.parse(argv)
        } catch {
            errorLine(error.description)
            return 1
        }
        let validation = ConsoleConsumerValidation.validate(parsed, randomGroupNumber: randomGroupNumber)
        for note in validation.standardOutputNotes { output.append(note + "\n") }
        switch validation.outcome {
        case .usage:
            errorLine(ConsoleConsumerOptions.helpBlurb)
            errorLine(helpMessage())
            return 1
        case .help:
            output.append(helpMessage() + "\n")
            return 0
        case .version:
            output.append(ToolEntry.version + "\n")
            return 0
        case .invalid(let message):
            errorLine(message)
            return 1
        case .run(let invocation):
            for key in invocation.unknownProperties {
                errorLine(
                    LogLine.format(
                        level: "WARN", message: ConsumerConfigNames.unknownWarning(key),
                        logger: ConsumerConfigNames.logger))
            }
            let consumer: any ConsoleConsumerClient
            do {
                consumer = try connect(Self.clientProperties(invocation.consumerProperties))
            } catch {
                errorLine(
                    LogLine.format(
                        level: "ERROR",
                        message: "Unknown error when running consumer: \(String(describing: error))",
                        logger: ConsoleConsumerOptions.logger))
                return 1
            }
            // Apache's shutdown hook: wake the consumer up; the loop then ends, closes it and reports the count.
            onStop { consumer.wakeup() }
            let runner = ConsoleConsumerRunner(
                invocation: invocation, consumer: consumer, output: output, errorLine: errorLine,
                outputClosed: watchOutput ? StandardOutputWatch.readerGone : nil)
            return await runner.run()
        }
    }
}
