import KafkaCLISupport
import Testing

@testable import KafkaTools

/// `ConfigCommandOptions.checkArgs` as a table.
@Suite struct ConfigsValidationTests {
    static let bootstrap = ["--bootstrap-server", "localhost:9092"]

    static func validate(_ argv: [String]) throws -> ConfigsValidation.Outcome {
        ConfigsValidation.validate(try ConfigsOptions.parser.parse(argv))
    }

    static let refused: [([String], String)] = [
        (bootstrap + ["--entity-type", "topics"], "Command must include exactly one action: --describe, --alter"),
        (
            bootstrap + ["--describe", "--alter", "--topic", "t"],
            "Command must include exactly one action: --describe, --alter"
        ),
        (
            bootstrap + ["--describe", "--topic", "t", "--add-config", "a=1"],
            "Option \"[describe]\" can't be used with option \"[add-config]\""
        ),
        (
            bootstrap + ["--describe", "--topic", "t", "--delete-config", "a"],
            "Option \"[describe]\" can't be used with option \"[delete-config]\""
        ),
        (
            bootstrap + ["--describe", "--entity-type", "topics", "--entity-type", "topics"],
            "Duplicate entity type(s) specified: topics"
        ),
        (
            ["--describe", "--entity-type", "topics"],
            "Either --bootstrap-server or --bootstrap-controller must be specified."
        ),
        (
            bootstrap + ["--describe", "--entity-type", "foo"],
            "Invalid entity type foo, the entity type must be one of topics, clients, users, brokers, ips, broker-loggers, client-metrics, groups with a --bootstrap-server or --bootstrap-controller argument"
        ),
        (bootstrap + ["--describe"], "At least one entity type must be specified"),
        (
            bootstrap + ["--describe", "--entity-type", "topics", "--entity-type", "brokers"],
            "Only 'users' and 'clients' entity types may be specified together"
        ),
        (
            bootstrap + ["--describe", "--entity-type", "topics", "--topic", "t"],
            "Duplicate entity type(s) specified: topics"
        ),
        (
            bootstrap + ["--describe", "--entity-name", "x", "--topic", "t"],
            "--entity-{type,name,default} should not be used in conjunction with specific entity flags"
        ),
        (
            bootstrap + ["--bootstrap-controller", "c:9093", "--describe", "--topic", "t"],
            "Only one of --bootstrap-server or --bootstrap-controller can be specified"
        ),
        (
            bootstrap + ["--describe", "--entity-type", "brokers", "--entity-name", "x"],
            "The entity name for brokers must be a valid integer broker id, but it is: x"
        ),
        (
            bootstrap + ["--describe", "--broker-logger", "one"],
            "The entity name for broker-loggers must be a valid integer broker id, but it is: one"
        ),
        (
            bootstrap + ["--describe", "--entity-type", "topics", "--entity-default"],
            "--entity-default must not be specified with --describe of topics"
        ),
        (
            bootstrap + ["--describe", "--entity-type", "broker-loggers"],
            "An entity name must be specified with --describe of broker-loggers"
        ),
        (
            bootstrap + ["--alter", "--entity-type", "topics", "--add-config", "a=1"],
            "An entity name must be specified with --alter of topics"
        ),
        (
            bootstrap + ["--alter", "--entity-type", "brokers", "--add-config", "a=1"],
            "An entity-name or default entity must be specified with --alter of users, clients, brokers or ips"
        ),
        (
            bootstrap + ["--alter", "--topic", "t"],
            "At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter"
        ),
        (
            bootstrap + ["--alter", "--topic", "t", "--add-config", "a=1", "--add-config-file", "f"],
            "Only one of --add-config or --add-config-file must be specified"
        ),
        (
            bootstrap + ["--describe", "--topic", "a", "--topic", "b"],
            "Found multiple arguments for option topic, but you asked for only one"
        ),
        (
            bootstrap + ["--alter", "--topic", "t", "--add-config", "a=1", "--output", "json"],
            "Option \"[output]\" can't be used with option \"[alter]\""
        ),
    ]

    @Test(arguments: refused.indices)
    func refusesWithApachesMessage(index: Int) throws {
        let (argv, message) = Self.refused[index]
        #expect(try Self.validate(argv) == .invalid(message), "\(argv)")
    }

    @Test func entityTypesAndNamesInApachesOrder() throws {
        guard
            case .run(let shorthand) = try Self.validate(
                Self.bootstrap + ["--alter", "--broker-defaults", "--add-config", "a=1"])
        else {
            Issue.record("refused")
            return
        }
        #expect(shorthand.entityTypes == ["brokers"] && shorthand.entityNames == [""])
        guard
            case .run(let long) = try Self.validate(
                Self.bootstrap + [
                    "--describe", "--entity-type", "users", "--entity-default", "--entity-type", "clients",
                    "--entity-name", "app",
                ])
        else {
            Issue.record("refused")
            return
        }
        #expect(long.entityTypes == ["users", "clients"] && long.entityNames == ["", "app"])
        guard
            case .run(let seed) = try Self.validate(
                Self.bootstrap + [
                    "--entity-type", "topics", "--entity-name", "X", "--alter", "--add-config", "retention.ms=3600000",
                ])
        else {
            Issue.record("refused")
            return
        }
        #expect(seed.action == .alter && seed.entityTypes == ["topics"] && seed.entityNames == ["X"])
    }

    @Test func noArgumentsHelpAndVersion() throws {
        #expect(try Self.validate([]) == .usage)
        #expect(try Self.validate(["--help"]) == .help)
        #expect(try Self.validate(["--version", "--describe"]) == .version)
    }
}
