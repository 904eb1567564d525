import KafkaCLISupport
import Testing

@testable import KafkaTools

/// `TopicCommandOptions.checkArgs` as a table: each command line and Apache's verdict.
@Suite struct TopicsValidationTests {
    static let bootstrap = ["--bootstrap-server", "localhost:9092"]

    static func validate(_ argv: [String]) throws -> TopicsValidation {
        TopicsValidation.validate(try TopicsOptions.parser.parse(argv))
    }

    static let refused: [([String], String)] = [
        (bootstrap, "Command must include exactly one action: --list, --describe, --create, --alter or --delete"),
        (
            bootstrap + ["--list", "--describe"],
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
        ),
        (["--list"], "--bootstrap-server must be specified"),
        (bootstrap + ["--create"], "Missing required argument \"[topic]\""),
        (bootstrap + ["--delete"], "Missing required argument \"[topic]\""),
        (bootstrap + ["--alter", "--topic", "t"], "Missing required argument \"[partitions]\""),
        (bootstrap + ["--describe", "--if-exists"], "--topic or --topic-id is required to describe a topic"),
        (
            bootstrap + ["--alter", "--topic", "t", "--config", "a=b", "--partitions", "2"],
            "Option combination \"[[bootstrap-server], [config]]\" can't be used with option \"[alter]\" (To alter topic configurations, the kafka-configs tool can be used.)"
        ),
        (bootstrap + ["--list", "--partitions", "2"], "Option \"[partitions]\" can't be used with option \"[list]\""),
        (
            bootstrap + ["--describe", "--config", "a=b"],
            "Option \"[config]\" can't be used with option \"[describe]\""
        ),
        (
            bootstrap + ["--alter", "--topic", "t", "--partitions", "2", "--replication-factor", "1"],
            "Option \"[replication-factor]\" can't be used with option \"[alter]\""
        ),
        (
            bootstrap + ["--create", "--topic", "t", "--replica-assignment", "1", "--partitions", "1"],
            "Option \"[replica-assignment]\" can't be used with option \"[partitions]\""
        ),
        (
            bootstrap + ["--create", "--topic", "t", "--replica-assignment", "1", "--replication-factor", "1"],
            "Option \"[replica-assignment]\" can't be used with option \"[replication-factor]\""
        ),
        (
            bootstrap + ["--list", "--under-replicated-partitions"],
            "Option \"[under-replicated-partitions]\" can't be used with option \"[list]\""
        ),
        (
            bootstrap + ["--describe", "--under-min-isr-partitions", "--topics-with-overrides"],
            "Option \"[under-min-isr-partitions]\" can't be used with option \"[topics-with-overrides]\""
        ),
        (
            bootstrap + ["--create", "--topic", "t", "--if-exists"],
            "Option \"[if-exists]\" can't be used with option \"[create]\""
        ),
        (
            bootstrap + ["--delete", "--topic", "t", "--if-not-exists"],
            "Option \"[if-not-exists]\" can't be used with option \"[delete]\""
        ),
        (
            bootstrap + ["--delete", "--topic", "t", "--exclude-internal"],
            "Option \"[exclude-internal]\" can't be used with option \"[delete]\""
        ),
        (
            bootstrap + ["--create", "--topic", "t", "--output", "json"],
            "Option \"[output]\" can't be used with option \"[create]\""
        ),
        (bootstrap + ["--list", "--output", "yaml"], "Invalid value 'yaml' for option output: use text or json"),
    ]

    @Test(arguments: refused.indices)
    func refusesWithApachesMessage(index: Int) throws {
        let (argv, message) = Self.refused[index]
        #expect(try Self.validate(argv).outcome == .invalid(message), "\(argv)")
    }

    @Test func noArgumentsHelpAndVersion() throws {
        #expect(try Self.validate([]).outcome == .usage)
        #expect(try Self.validate(["--help", "--list"]).outcome == .help)
        #expect(try Self.validate(["--version"]).outcome == .version)
        // --help wins over a missing action, as maybePrintHelpOrVersion runs first.
        #expect(try Self.validate(Self.bootstrap + ["--help"]).outcome == .help)
    }

    @Test func acceptedCommandLines() throws {
        let create = try Self.validate(
            Self.bootstrap + ["--create", "--topic", "t", "--partitions", "0", "--replication-factor", "x"])
        guard case .run(let invocation) = create.outcome else {
            Issue.record("refused: \(create.outcome)")
            return
        }
        #expect(invocation.action == .create)
        #expect(invocation.format == .text)
        guard case .run(let list) = try Self.validate(["-bootstrap-server", "h:1", "-list", "--output=json"]).outcome
        else {
            Issue.record("-list refused")
            return
        }
        #expect(list.action == .list && list.format == .json)
    }

    @Test func notesPrintedAlongTheWay() throws {
        let deleteConfig = try Self.validate(Self.bootstrap + ["--list", "--delete-config", "x"])
        #expect(deleteConfig.standardErrorNotes == [TopicsOptions.deleteConfigNote])
        let both = try Self.validate(
            Self.bootstrap + ["--describe", "--if-exists", "--topic", "t", "--topic-id", "AAAAAAAAAAAAAAAAAAAAAA"])
        #expect(both.standardOutputNotes == [TopicsOptions.topicIdWinsNote])
        // The deprecation note comes before a later refusal, as in Apache.
        let refused = try Self.validate(["--list", "--delete-config", "x"])
        #expect(refused.standardErrorNotes == [TopicsOptions.deleteConfigNote])
        #expect(refused.outcome == .invalid("--bootstrap-server must be specified"))
    }
}
