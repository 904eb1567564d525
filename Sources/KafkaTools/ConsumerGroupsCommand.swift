import ArgumentParser
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import KafkaCLISupport
import KafkaClient

/// `kafka-consumer-groups`: Apache's `ConsumerGroupCommand` with its command line, output and exit codes
/// (differences in docs/cli-compat.md).
///
/// The properties below describe the options for `--help`, the shell completions and the man page; the command
/// line itself is read by `JoptParser` with jopt-simple's rules.
public struct ConsumerGroupsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-consumer-groups",
        abstract: "List, describe, delete consumer groups and reset their offsets.",
        discussion: GroupsOptions.helpBlurb,
        helpNames: .long
    )

    @Option(help: ArgumentHelp("REQUIRED: The server(s) to connect to.", valueName: "server to connect to"))
    var bootstrapServer: String?
    @Option(
        help: ArgumentHelp(
            "Property file containing configs to be passed to Admin Client and Consumer.",
            valueName: "command config property file"),
        completion: .file())
    var commandConfig: String?

    @Flag(help: "List all consumer groups.") var list = false
    @Flag(help: "Describe consumer group and list offset lag (number of messages not yet processed) related to given group.")
    var describe = false
    @Flag(help: "Pass in groups to delete topic partition offsets and ownership information over the entire consumer group. For instance --group g1 --group g2")
    var delete = false
    @Flag(help: "Reset offsets of consumer group. Supports one consumer group at the time, and instances should be inactive. Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and --execute to update the offsets. Additionally, the --export option is used to export the results to a CSV format. You must choose one of the following reset specifications: --to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, --from-file, --to-current, --to-offset. To define the scope use --all-topics or --topic. One scope must be specified unless you use '--from-file'.")
    var resetOffsets = false
    @Flag(help: "Delete offsets of consumer group. Supports one consumer group at the time, and multiple topics.")
    var deleteOffsets = false
    @Option(help: ArgumentHelp("Validate that the syntax of the provided regular expression is valid according to the RE2 format.", valueName: "regex"))
    var validateRegex: String?

    @Option(help: ArgumentHelp("The consumer group we wish to act on.", valueName: "consumer group"))
    var group: [String] = []
    @Flag(help: "Apply to all consumer groups.") var allGroups = false
    @Option(help: ArgumentHelp("The topic whose consumer group information should be deleted or topic whose should be included in the reset offset process. In `reset-offsets` case, partitions can be specified using this format: `topic1:0,1,2`, where 0,1,2 are the partition to be included in the process. Reset-offsets also supports multiple topic inputs.", valueName: "topic"))
    var topic: [String] = []
    @Flag(help: "Consider all topics assigned to a group in the `reset-offsets` process.") var allTopics = false

    @Flag(help: "Describe members of the group. This option may be used with '--describe' and '--bootstrap-server' options only.")
    var members = false
    @Flag(help: "Describe the group and list all topic partitions in the group along with their offset lag. This is the default sub-action of and may be used with '--describe' and '--bootstrap-server' options only.")
    var offsets = false
    @Option(help: ArgumentHelp("When specified with '--describe', includes the state of the group. When specified with '--list', it displays the state of all groups. It can also be used to list groups with specific states (for example stable,empty).", valueName: "String"))
    var state: String?
    @Option(help: ArgumentHelp("When specified with '--list', it displays the types of all the groups. It can also be used to list groups with specific types (for example classic,consumer).", valueName: "String"))
    var type: String?
    @Flag(help: "Provide additional information, if any, when describing the group. This option may be used with '--offsets'/'--members'/'--state' and '--bootstrap-server' options only.")
    var verbose = false
    @Option(help: ArgumentHelp("The timeout that can be set for some use cases. For example, it can be used when describing the group to specify the maximum amount of time in milliseconds to wait before the group stabilizes (default: 5000).", valueName: "timeout (ms)"))
    var timeout: Int64?

    @Flag(help: "Only show results without executing changes on Consumer Groups. Supported operations: reset-offsets.")
    var dryRun = false
    @Flag(help: "Execute operation. Supported operations: reset-offsets.") var execute = false
    @Flag(help: "Export operation execution to a CSV file. Supported operations: reset-offsets.") var export = false
    @Option(help: ArgumentHelp("Reset offsets to a specific offset.", valueName: "offset")) var toOffset: Int64?
    @Option(help: ArgumentHelp("Reset offsets to values defined in CSV file.", valueName: "path to CSV file"), completion: .file())
    var fromFile: String?
    @Option(help: ArgumentHelp("Reset offsets to offset from datetime. Format: 'YYYY-MM-DDTHH:mm:SS.sss'", valueName: "datetime"))
    var toDatetime: String?
    @Option(help: ArgumentHelp("Reset offsets to offset by duration from current timestamp. Format: 'PnDTnHnMnS'", valueName: "duration"))
    var byDuration: String?
    @Flag(help: "Reset offsets to earliest offset.") var toEarliest = false
    @Flag(help: "Reset offsets to latest offset.") var toLatest = false
    @Flag(help: "Reset offsets to current offset.") var toCurrent = false
    @Option(help: ArgumentHelp("Reset offsets shifting current offset by 'n', where 'n' can be positive or negative.", valueName: "number-of-offsets"))
    var shiftBy: Int64?

    @Option(
        help: ArgumentHelp(
            "Not in Apache's tool: print --list or --describe as JSON (see docs/json-output.md).",
            valueName: "text|json"),
        completion: .list(["text", "json"]))
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Not in Apache's tool: with --describe, print the description again every SECONDS (the screen cleared first on a terminal) until Ctrl-C or SIGTERM, then exit 0.",
            valueName: "SECONDS"))
    var watch: Double?

    @Flag(help: "Display Kafka version.") var version = false

    public init() {}

    /// The tool's entry point: reads the process arguments, runs, exits with the tool's status.
    public static func runAndExit() async -> Never {
        let argv = toolArguments()
        let signals = StopSignals()
        ToolEntry.exit(
            await execute(argv, output: ToolOutput(), onStop: signals.install, isTerminal: isatty(1) == 1) {
                try KafkaAdminClient(properties: $0.properties())
            })
    }

    /// Parses, validates and runs one command line; returns the exit status. `connect` opens the admin client
    /// (tests pass a fake cluster); `onStop` installs what calls its argument on SIGINT/SIGTERM (used by
    /// `--watch` only); `isTerminal` tells whether stdout is a terminal (`--watch` then clears the screen).
    static func execute(
        _ argv: [String], output: ToolOutput, onStop: (@escaping @Sendable () -> Void) -> Void = { _ in },
        isTerminal: Bool = false, connect: (AdminConnection) throws -> any GroupAdminOperations
    ) async -> Int32 {
        defer { output.flush() }
        let parsed: JoptParsedArguments
        do {
            parsed = try GroupsOptions.parser.parse(argv)
        } catch {
            output.errorLine(error.description)
            return 1
        }
        let validation = GroupsValidation.validate(parsed)
        for note in validation.standardErrorNotes { output.errorLine(note) }
        switch validation.outcome {
        case .usage:
            output.errorLine(GroupsOptions.helpBlurb)
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
            let admin: any GroupAdminOperations
            do {
                let connection = AdminConnection(
                    bootstrapServers: try parsed.value("bootstrap-server") ?? "",
                    commandConfigPath: try parsed.value("command-config"))
                admin = try connect(connection)
            } catch let error as JoptError {
                output.errorLine(error.description)
                return 1
            } catch {
                output.errorLine(String(describing: error))
                return 1
            }
            let calls = GroupCalls(admin: admin, timeoutMs: invocation.timeoutMs)
            let runner = GroupsRunner(invocation: invocation, calls: calls, output: output)
            let status: Int32
            if let interval = invocation.watchInterval {
                let watch = GroupsWatch(
                    interval: interval, clearsScreen: isTerminal && invocation.format == .text, output: output)
                status = await watch.run(onStop: onStop) { await runner.run() }
            } else {
                status = await runner.run()
            }
            await admin.close()
            return status
        }
    }
}
