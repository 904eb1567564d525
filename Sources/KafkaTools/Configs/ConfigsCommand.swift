import ArgumentParser
import KafkaCLISupport

/// `kafka-configs`: Apache's `ConfigCommand` with its command line, output and exit codes for topics, brokers,
/// broker loggers, client metrics and groups (differences in docs/cli-compat.md).
///
/// The properties below describe the options for `--help`, the shell completions and the man page; the command
/// line itself is read by `JoptParser` with jopt-simple's rules.
public struct ConfigsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-configs",
        abstract: "Add, remove, or describe configs for topics, brokers, clients and users.",
        discussion: ConfigsOptions.helpBlurb,
        // jopt knows no `-h`; only `--help` is listed.
        helpNames: .long
    )

    @Option(help: ArgumentHelp("The Kafka servers to connect to.", valueName: "server to connect to"))
    var bootstrapServer: String?
    @Option(
        help: ArgumentHelp(
            "The Kafka controllers to connect to (not supported yet: use --bootstrap-server).",
            valueName: "controller to connect to"))
    var bootstrapController: String?
    @Option(
        help: ArgumentHelp(
            "Property file containing configs to be passed to Admin Client. This is used only with --bootstrap-server option for describing and altering broker configs.",
            valueName: "command config property file"),
        completion: .file())
    var commandConfig: String?

    @Flag(help: "Alter the configuration for the entity.") var alter = false
    @Flag(help: "List configs for the given entity.") var describe = false
    @Flag(help: "List all configs for the given entity, including static configs if available.") var all = false

    @Option(
        help: ArgumentHelp("Type of entity (topics/clients/users/brokers/broker-loggers/ips/client-metrics/groups)"),
        completion: .list(ConfigsOptions.entityTypes))
    var entityType: [String] = []
    @Option(
        help: ArgumentHelp(
            "Name of entity (topic name/client id/user principal name/broker id/ip/client metrics/group id)"))
    var entityName: [String] = []
    @Flag(help: "Default entity name for clients/users/brokers/ips (applies to corresponding entity type)")
    var entityDefault = false

    @Option(
        help: ArgumentHelp(
            "Key Value pairs of configs to add. Square brackets can be used to group values which contain commas: 'k1=v1,k2=[v1,v2,v2],k3=v3'. Entity types 'users' and 'clients' may be specified together to update config for clients of a specific user."
        ))
    var addConfig: String?
    @Option(
        help: ArgumentHelp(
            "Path to a properties file with configs to add. See add-config for a list of valid configurations."),
        completion: .file())
    var addConfigFile: String?
    @Option(help: ArgumentHelp("config keys to remove 'k1,k2'")) var deleteConfig: [String] = []
    @Flag(help: "Suppress console prompts") var force = false

    @Option(help: ArgumentHelp("The topic's name.")) var topic: String?
    @Option(help: ArgumentHelp("The client's ID.")) var client: String?
    @Flag(help: "The config defaults for all clients.") var clientDefaults = false
    @Option(help: ArgumentHelp("The user's principal name.")) var user: String?
    @Flag(help: "The config defaults for all users.") var userDefaults = false
    @Option(help: ArgumentHelp("The broker's ID.")) var broker: String?
    @Flag(help: "The config defaults for all brokers.") var brokerDefaults = false
    @Option(help: ArgumentHelp("The broker's ID for its logger config.")) var brokerLogger: String?
    @Flag(help: "The config defaults for all IPs.") var ipDefaults = false
    @Option(help: ArgumentHelp("The IP address.")) var ip: String?
    @Option(help: ArgumentHelp("The group's ID.")) var group: String?
    @Option(help: ArgumentHelp("The client metrics config resource name.")) var clientMetrics: String?

    @Option(
        help: ArgumentHelp(
            "Not in Apache's tool: print --describe as JSON (see docs/json-output.md).", valueName: "text|json"),
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
            parsed = try ConfigsOptions.parser.parse(argv)
        } catch {
            output.errorLine(error.description)
            return 1
        }
        switch ConfigsValidation.validate(parsed) {
        case .usage:
            output.errorLine(ConfigsOptions.helpBlurb)
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
            guard !parsed.has("bootstrap-controller") else {
                output.errorLine("kafka-configs: --bootstrap-controller is not supported yet; use --bootstrap-server")
                return 1
            }
            let admin: any AdminOperations
            do {
                let connection = AdminConnection(
                    bootstrapServers: try parsed.value("bootstrap-server") ?? "",
                    commandConfigPath: try parsed.value("command-config"))
                admin = try connect(connection)
            } catch let error as JoptError {
                output.errorLine(error.description)
                return 1
            } catch {
                ConfigsRunner.report(
                    ConfigsFailure.execution(String(describing: error)), commandLine: argv, to: output)
                return 1
            }
            let status = await ConfigsRunner(invocation: invocation, admin: admin, output: output, commandLine: argv)
                .run()
            await admin.close()
            return status
        }
    }
}
