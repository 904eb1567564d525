import Foundation
import KafkaCLISupport
import Testing

@testable import KafkaTools

/// `ConsoleConsumerOptions`' checks in Apache's order, with its exact messages.
@Suite struct ConsoleConsumerValidationTests {
    static let server = ["--bootstrap-server", "localhost:9092"]

    static func validate(_ argv: [String]) throws -> ConsoleConsumerValidation {
        ConsoleConsumerValidation.validate(try ConsoleConsumerOptions.parser.parse(argv), randomGroupNumber: { 4242 })
    }

    static func refusal(_ argv: [String]) throws -> String? {
        if case .invalid(let message) = try validate(argv).outcome { return message }
        return nil
    }

    static func invocation(_ argv: [String]) throws -> ConsoleConsumerInvocation? {
        if case .run(let invocation) = try validate(argv).outcome { return invocation }
        return nil
    }

    @Test(arguments: [
        ([] + server, "Exactly one of the following arguments is required: [topic], [include]"),
        (
            server + ["--topic", "t", "--include", "t.*"],
            "Exactly one of the following arguments is required: [topic], [include]"
        ),
        (["--topic", "t"], "Missing required argument \"[bootstrap-server]\""),
        (server + ["--include", "x", "--partition", "0"], "The topic is required when partition is specified."),
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "5", "--from-beginning"],
            "Options from-beginning and offset cannot be specified together."
        ),
        (server + ["--topic", "t", "--offset", "5"], "The partition is required when offset is specified."),
        (
            server + ["--topic", "t", "--offset", "5", "--from-beginning"],
            "The partition is required when offset is specified."
        ),
        (["--topic", "t", "--partition", "x"], "Cannot parse argument 'x' of option partition"),
        (
            server + ["--topic", "t", "--consumer-property", "a=1", "--command-property", "b=2"],
            "Options --consumer-property and --command-property cannot be specified together."
        ),
        (
            server + ["--topic", "t", "--consumer.config", "/x", "--command-config", "/y"],
            "Options --consumer.config and --command-config cannot be specified together."
        ),
        (
            server + ["--topic", "t", "--command-config", "/nonexistent/consumer.properties"],
            "/nonexistent/consumer.properties (No such file or directory)"
        ),
        (
            server + ["--topic", "t", "--group", "a", "--command-property", "group.id=b"],
            "The group ids provided in different places (directly using '--group', via '--consumer-property', or via '--consumer.config') do not match. Detected group ids: 'a', 'b'"
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--group", "g"],
            "Options group and partition cannot be specified together."
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--command-property", "group.id=g"],
            "Options group and partition cannot be specified together."
        ),
        (
            server + ["--topic", "t", "--from-beginning", "--command-property", "auto.offset.reset=latest"],
            "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option"
        ),
        // Apache refuses every negative offset; ours takes -N, so these are what is left to refuse.
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "-x"],
            "The provided offset value '-x' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "@12ab"],
            "The provided offset value '@12ab' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "2024-13-01T00:00Z"],
            "The provided offset value '2024-13-01T00:00Z' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "2024-05-01"],
            "The provided offset value '2024-05-01' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
        ),
        (server + ["--topic", "t", "--output", "yaml"], "Invalid value 'yaml' for option output: use text or json"),
        (
            server + ["--topic", "t", "--output", "json", "--formatter", "org.apache.kafka.tools.consumer.NoOpMessageFormatter"],
            "Options output and formatter cannot be specified together."
        ),
        (
            server + ["--topic", "t", "--partition", "0", "--offset", "first"],
            "The provided offset value 'first' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
        ),
        (server + ["--topic", "t", "--timeout-ms", "soon"], "Cannot parse argument 'soon' of option timeout-ms"),
        (
            server + ["--topic", "t", "--formatter", "kafka.tools.DefaultMessageFormatter"],
            "Class kafka.tools.DefaultMessageFormatter not found: the formatters are org.apache.kafka.tools.consumer.DefaultMessageFormatter, org.apache.kafka.tools.consumer.LoggingMessageFormatter and org.apache.kafka.tools.consumer.NoOpMessageFormatter"
        ),
        (
            server + ["--topic", "t", "--formatter", "org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter"],
            "The formatter org.apache.kafka.tools.consumer.GroupMetadataMessageFormatter is not supported yet"
        ),
        (
            server + ["--topic", "t", "--property", "a=1", "--formatter-property", "b=2"],
            "Options --property and --formatter-property cannot be specified together."
        ),
        (server + ["--topic", "t", "--max-messages", "many"], "Cannot parse argument 'many' of option max-messages"),
        (
            server + ["--topic", "t", "--topic", "u"],
            "Found multiple arguments for option topic, but you asked for only one"
        ),
    ])
    func refusedWithApachesMessage(argv: [String], message: String) throws {
        #expect(try Self.refusal(argv) == message)
    }

    @Test func unknownDeserializersAreRefusedWithTheirName() throws {
        let message = try Self.refusal(Self.server + ["--topic", "t", "--value-deserializer", "com.example.Avro"])
        #expect(
            message?.hasPrefix("Unable to instantiate a deserializer from com.example.Avro for value.deserializer:")
                == true)
    }

    @Test func noArgumentsHelpAndVersion() throws {
        guard case .usage = try Self.validate([]).outcome else {
            Issue.record("no arguments")
            return
        }
        guard case .help = try Self.validate(["--help"]).outcome else {
            Issue.record("help")
            return
        }
        guard case .version = try Self.validate(["--version", "--topic", "t"]).outcome else {
            Issue.record("version")
            return
        }
    }

    @Test func theDeprecatedNamesWorkWithANoteOnStdout() throws {
        let validation = try Self.validate(
            Self.server + ["--topic", "t", "--consumer-property", "fetch.min.bytes=5", "--property", "print.key=true"])
        #expect(
            validation.standardOutputNotes == [
                "Option --consumer-property is deprecated and will be removed in a future version. Use --command-property instead.",
                "Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.",
            ])
        guard case .run(let invocation) = validation.outcome else {
            Issue.record("refused")
            return
        }
        #expect(invocation.consumerProperties["fetch.min.bytes"] == "5")
        guard case .standard(let formatter) = invocation.formatter else {
            Issue.record("formatter")
            return
        }
        #expect(formatter.printKey)
    }

    @Test func aMadeUpGroupDoesNotAutoCommit() throws {
        let invocation = try #require(try Self.invocation(Self.server + ["--topic", "t"]))
        #expect(invocation.consumerProperties["group.id"] == "console-consumer-4242")
        #expect(invocation.consumerProperties["enable.auto.commit"] == "false")
        #expect(invocation.consumerProperties["auto.offset.reset"] == "latest")
        #expect(invocation.consumerProperties["client.id"] == "console-consumer")
        #expect(invocation.consumerProperties["isolation.level"] == "read_uncommitted")
        #expect(invocation.consumerProperties["bootstrap.servers"] == "localhost:9092")
        #expect(invocation.source == .topic("t"))

        let explicit = try #require(
            try Self.invocation(Self.server + ["--topic", "t", "--command-property", "enable.auto.commit=true"]))
        #expect(explicit.consumerProperties["enable.auto.commit"] == "true")
    }

    @Test func aGivenGroupKeepsTheClientDefaults() throws {
        let invocation = try #require(
            try Self.invocation(Self.server + ["--topic", "t", "--group", "g", "--from-beginning"]))
        #expect(invocation.consumerProperties["group.id"] == "g")
        #expect(invocation.consumerProperties["enable.auto.commit"] == nil)
        #expect(invocation.consumerProperties["auto.offset.reset"] == "earliest")
    }

    @Test func groupIdsThatAgreeAreOneGroup() throws {
        let file = try Self.temporaryFile("group.id=g\nclient.id=mine\n")
        let invocation = try #require(
            try Self.invocation(
                Self.server + [
                    "--topic", "t", "--group", "g", "--command-property", "group.id=g", "--command-config", file,
                ]
            ))
        #expect(invocation.consumerProperties["group.id"] == "g")
        #expect(invocation.consumerProperties["client.id"] == "mine")
    }

    @Test func detectedGroupIdsAreListedInJavaHashSetOrder() throws {
        let file = try Self.temporaryFile("group.id=zeta\n")
        let message = try Self.refusal(
            Self.server + [
                "--topic", "t", "--group", "beta", "--consumer.config", file, "--consumer-property", "group.id=alpha",
            ])
        let expected = JavaHashMapOrder.ordered(["beta", "zeta", "alpha"]).map { "'\($0)'" }.joined(separator: ", ")
        #expect(message?.hasSuffix("Detected group ids: " + expected) == true)
    }

    @Test func propertiesOverrideTheFileAndTheIsolationOptionOverridesBoth() throws {
        let file = try Self.temporaryFile("isolation.level=read_committed\nfetch.max.wait.ms=100\n")
        let fromFile = try #require(try Self.invocation(Self.server + ["--topic", "t", "--command-config", file]))
        #expect(fromFile.consumerProperties["isolation.level"] == "read_committed")
        let overridden = try #require(
            try Self.invocation(
                Self.server + [
                    "--topic", "t", "--command-config", file, "--command-property", "fetch.max.wait.ms=7",
                    "--isolation-level", "read_uncommitted",
                ]))
        #expect(overridden.consumerProperties["isolation.level"] == "read_uncommitted")
        #expect(overridden.consumerProperties["fetch.max.wait.ms"] == "7")
    }

    @Test func fromBeginningAgreesWithAnEarliestReset() throws {
        let invocation = try #require(
            try Self.invocation(
                Self.server + ["--topic", "t", "--from-beginning", "--command-property", "auto.offset.reset=earliest"]))
        #expect(invocation.consumerProperties["auto.offset.reset"] == "earliest")
    }

    @Test(arguments: [
        (["--offset", "earliest"], ConsoleConsumerInvocation.StartOffset.earliest),
        (["--offset", "LATEST"], .latest), (["--offset", "42"], .exact(42)), (["--offset", "+7"], .exact(7)),
        (["--from-beginning"], .earliest), ([], .latest),
        // Ours: the last N offsets, and times (epoch ms, or ISO-8601 with or without a zone: UTC then).
        (["--offset", "-5"], .last(5)), (["--offset", "-0"], .exact(0)),
        (["--offset", "@1700000000123"], .timestamp(1_700_000_000_123)),
        (["--offset", "2023-11-14T22:13:20.123Z"], .timestamp(1_700_000_000_123)),
        (["--offset", "2023-11-14T22:13:20.123"], .timestamp(1_700_000_000_123)),
        (["--offset", "2023-11-14T23:13:20.123+01:00"], .timestamp(1_700_000_000_123)),
        (["--offset", "2023-11-14T17:13:20.123-0500"], .timestamp(1_700_000_000_123)),
        (["--offset", "2023-11-14T22:13Z"], .timestamp(1_699_999_980_000)),
        (["--offset", "2023-11-14T22:13:20.5Z"], .timestamp(1_700_000_000_500)),
    ])
    func partitionStartOffsets(extra: [String], start: ConsoleConsumerInvocation.StartOffset) throws {
        let invocation = try #require(try Self.invocation(Self.server + ["--topic", "t", "--partition", "2"] + extra))
        #expect(invocation.source == .partition(topic: "t", partition: 2, start: start))
    }

    @Test func limitsAndFlags() throws {
        let invocation = try #require(
            try Self.invocation(
                Self.server + [
                    "--include", "orders-.*", "--max-messages", "10", "--timeout-ms", "1500", "--skip-message-on-error",
                    "--enable-systest-events",
                ]))
        #expect(invocation.source == .pattern("orders-.*"))
        #expect(invocation.maxMessages == 10)
        #expect(invocation.timeoutMs == 1500)
        #expect(invocation.skipMessageOnError)
        #expect(invocation.enableSystestEvents)
        let negative = try #require(try Self.invocation(Self.server + ["--topic", "t", "--timeout-ms", "-1"]))
        #expect(negative.timeoutMs == nil)
        let unlimited = try #require(try Self.invocation(Self.server + ["--topic", "t", "--max-messages", "-1"]))
        #expect(unlimited.maxMessages == nil)
        let none = try #require(try Self.invocation(Self.server + ["--topic", "t", "--max-messages", "-2"]))
        #expect(none.maxMessages == -2)
    }

    @Test func deserializerOptionsAndFormatterConfigMeetInTheFormatter() throws {
        let file = try Self.temporaryFile("print.key=true\nkey.separator=\\t|\\t\n")
        let invocation = try #require(
            try Self.invocation(
                Self.server + [
                    "--topic", "t", "--formatter-config", file, "--key-deserializer",
                    "org.apache.kafka.common.serialization.LongDeserializer", "--formatter-property",
                    "print.offset=true",
                ]))
        guard case .standard(let formatter) = invocation.formatter else {
            Issue.record("formatter")
            return
        }
        #expect(formatter.printKey && formatter.printOffset)
        #expect(formatter.keySeparator == Array("\t|\t".utf8))
        #expect(formatter.keyDeserializer?.kind == .long)
    }

    @Test func unknownConsumerPropertiesAreListed() throws {
        let invocation = try #require(
            try Self.invocation(Self.server + ["--topic", "t", "--command-property", "fetch.min.byte=1"]))
        #expect(invocation.unknownProperties == ["fetch.min.byte"])
    }

    static func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "console-consumer-\(UUID().uuidString).properties")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
