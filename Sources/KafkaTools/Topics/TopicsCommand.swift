import ArgumentParser
import KafkaCLISupport

/// `kafka-topics`: Apache's `TopicCommand` with its command line, output and exit codes (differences in
/// docs/cli-compat.md).
///
/// The properties below describe the options for `--help`, the shell completions and the man page; the command
/// line itself is read by `JoptParser` with jopt-simple's rules (`-list`, `--topic=x`, ignored strays), which
/// swift-argument-parser does not follow.
public struct TopicsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-topics",
        abstract: "Create, delete, describe, or change a topic.",
        discussion: TopicsOptions.helpBlurb,
        // jopt knows no `-h`; only `--help` is listed.
        helpNames: .long
    )

    @Option(help: ArgumentHelp("REQUIRED: The Kafka server to connect to.", valueName: "server to connect to"))
    var bootstrapServer: String?

    @Option(
        help: ArgumentHelp(
            "Property file containing configs to be passed to Admin Client.", valueName: "command config property file"),
        completion: .file())
    var commandConfig: String?

    @Flag(help: "List all available topics.") var list = false
    @Flag(help: "Create a new topic.") var create = false
    @Flag(help: "Delete a topic.") var delete = false
    @Flag(help: ArgumentHelp("Alter the number of partitions and replica assignment." + TopicsOptions.alterConfigsHint))
    var alter = false
    @Flag(help: "List details for the given topics.") var describe = false

    @Option(
        help: ArgumentHelp(
            "The topic to create, alter, describe or delete. It also accepts a regular expression, except for --create option.",
            valueName: "topic"))
    var topic: String?

    @Option(help: ArgumentHelp("The topic-id to describe.", valueName: "topic-id")) var topicId: String?

    @Option(
        help: ArgumentHelp(
            "A topic configuration override for the topic being created. See the Kafka documentation for full details on the topic configs. It is supported only in combination with --create."
                + TopicsOptions.alterConfigsHint, valueName: "name=value"))
    var config: [String] = []

    @Option(
        help: ArgumentHelp("This option is no longer supported and has been deprecated since 4.0", valueName: "name"))
    var deleteConfig: [String] = []

    @Option(
        help: ArgumentHelp(
            "The number of partitions for the topic being created or altered. If not supplied with --create, the topic uses the cluster default. (WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected).",
            valueName: "# of partitions"))
    var partitions: Int32?

    @Option(
        help: ArgumentHelp(
            "The replication factor for each partition in the topic being created. If not supplied, the topic uses the cluster default.",
            valueName: "replication factor"))
    var replicationFactor: Int32?

    @Option(
        help: ArgumentHelp(
            "A list of manual partition-to-broker assignments for the topic being created or altered.",
            valueName:
                "broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , ..."
        ))
    var replicaAssignment: String?

    @Flag(help: "If set when describing topics, only show under-replicated partitions.")
    var underReplicatedPartitions = false
    @Flag(help: "If set when describing topics, only show partitions whose leader is not available.")
    var unavailablePartitions = false
    @Flag(
        help: "If set when describing topics, only show partitions whose isr count is less than the configured minimum."
    )
    var underMinIsrPartitions = false
    @Flag(
        help: "If set when describing topics, only show partitions whose isr count is equal to the configured minimum.")
    var atMinIsrPartitions = false
    @Flag(help: "If set when describing topics, only show topics that have overridden configs.")
    var topicsWithOverrides = false
    @Flag(
        help: "If set when altering or deleting or describing topics, the action will only execute if the topic exists."
    )
    var ifExists = false
    @Flag(
        help:
            "If set when creating topics, the create request will not fail if the topic already exists, but the request will still be sent."
    )
    var ifNotExists = false
    @Flag(
        help: "Exclude internal topics when listing or describing topics. By default, the internal topics are included."
    )
    var excludeInternal = false

    @Option(
        help: ArgumentHelp(
            "The maximum partition size to be included in one DescribeTopicPartitions response.",
            valueName: "maximum number of partitions per response"))
    var partitionSizeLimitPerResponse: Int32?

    @Option(
        help: ArgumentHelp(
            "Not in Apache's tool: print --list or --describe as JSON (see docs/json-output.md).",
            valueName: "text|json"),
        completion: .list(["text", "json"]))
    var output: String?

    @Flag(help: "Display Kafka version.") var version = false

    public init() {}

    /// The tool's entry point: reads the process arguments, runs, exits with the tool's status.
    public static func runAndExit() async -> Never {
        let argv = toolArguments()
        ToolEntry.exit(await execute(argv, output: ToolOutput()) { try $0.open() })
    }

    /// Parses, validates and runs one command line; returns the exit status. `connect` opens the admin client
    /// (tests pass a fake cluster).
    static func execute(
        _ argv: [String], output: ToolOutput, connect: (AdminConnection) throws -> any AdminOperations
    ) async -> Int32 {
        defer { output.flush() }
        let parsed: JoptParsedArguments
        do {
            parsed = try TopicsOptions.parser.parse(argv)
        } catch {
            output.errorLine(error.description)
            return 1
        }
        let validation = TopicsValidation.validate(parsed)
        for note in validation.standardErrorNotes { output.errorLine(note) }
        for note in validation.standardOutputNotes { output.line(note) }
        switch validation.outcome {
        case .usage:
            output.errorLine(TopicsOptions.noArgumentsBlurb)
            output.errorLine(helpMessage())
            return 1
        case .help:
            output.line(helpMessage())
            return 0
        case .version:
            output.line(ToolEntry.version)
            return 0
        case .invalid(let message):
            output.errorLine(message)
            return 1
        case .run(let invocation):
            let admin: any AdminOperations
            do {
                let connection = AdminConnection(
                    bootstrapServers: try parsed.value("bootstrap-server") ?? "",
                    commandConfigPath: try parsed.value("command-config"))
                admin = try connect(connection)
            } catch {
                output.errorLine(String(describing: error))
                return 1
            }
            let status = await TopicsRunner(invocation: invocation, admin: admin, output: output).run()
            await admin.close()
            return status
        }
    }
}
