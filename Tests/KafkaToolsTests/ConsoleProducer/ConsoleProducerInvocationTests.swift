import Testing

@testable import KafkaTools

/// `checkArgs`: what is checked, in which order, with Apache's messages.
@Suite struct ConsoleProducerInvocationTests {
    static func decide(_ argv: [String]) throws -> ConsoleProducerInvocation {
        try ConsoleProducerInvocation.decide(argv)
    }

    static func failure(_ argv: [String]) -> String? {
        ConsoleProducerArgumentsTests.failure { try decide(argv) }
    }

    static let base = ["--bootstrap-server", "localhost:9092", "--topic", "t"]

    @Test func helpVersionAndUsage() throws {
        #expect(try Self.decide([]) == .usage)
        #expect(try Self.decide(["--help"]) == .help)
        #expect(try Self.decide(["--help", "--version"]) == .help)
        // The command line is parsed first: a parse error beats --help.
        #expect(Self.failure(["--help", "--topic"]) == "Option topic requires an argument")
        #expect(try Self.decide(["--version", "--topic", "t", "--bootstrap-server", "bad"]) == .version)
        // Only stray words: not "no arguments", so the topic is asked for.
        #expect(Self.failure(["x"]) == "Missing required argument \"[topic]\"")
    }

    static let failures: [(argv: [String], message: String)] = [
        (["--bootstrap-server", "localhost:9092"], "Missing required argument \"[topic]\""),
        (["--topic", "t"], "Error while validating the bootstrap address"),
        (["--topic", "t", "--bootstrap-server", " "], "Error while validating the bootstrap address"),
        (
            ["--topic", "t", "--bootstrap-server", "localhost"],
            "Please provide valid host:port like host1:9091,host2:9092"
        ),
        (["--topic", "t", "--bootstrap-server", "a:1,b"], "Please provide valid host:port like host1:9091,host2:9092"),
        (
            ["--topic", "t", "--bootstrap-server", "a:1,,b:2"],
            "Please provide valid host:port like host1:9091,host2:9092"
        ),
        (["--topic", "t", "--bootstrap-server", ","], "Please provide valid host:port like host1:9091,host2:9092"),
        (
            ["--topic", "t", "--bootstrap-server", "a:9092x"],
            "Please provide valid host:port like host1:9091,host2:9092"
        ),
        (["--topic", "t", "--bootstrap-server", "a:99999999999"], "For input string: \"99999999999\""),
        (
            base + ["--property", "a=1", "--reader-property", "b=2"],
            "Options --property and --reader-property cannot be specified together."
        ),
        (
            base + ["--producer-property", "a=1", "--command-property", "b=2"],
            "Options --producer-property and --command-property cannot be specified together."
        ),
        (
            base + ["--producer.config", "a", "--command-config", "b"],
            "Options --producer.config and --command-config cannot be specified together."
        ),
        (
            ["--topic", "t", "--bootstrap-server", "a:1", "--bootstrap-server", "b:2"],
            "Found multiple arguments for option bootstrap-server, but you asked for only one"
        ),
    ]

    @Test(arguments: failures)
    func rejects(argv: [String], message: String) {
        #expect(Self.failure(argv) == message)
    }

    @Test(arguments: [
        "localhost:9092", "a:1,b:2", "a:1,", "[::1]:9092", "::1:9092", "PLAINTEXT://host:9092", ":9092", "h_1.x-y%z:0",
    ])
    func acceptsBootstrapAddresses(servers: String) {
        #expect(BootstrapAddressCheck.problem(servers) == nil)
    }

    @Test func oldNamesWorkWithANoteOnStdout() throws {
        let argv =
            Self.base + ["--property", "parse.key=true", "--producer-property", "acks=1", "--producer.config", "p"]
        guard case .run(let settings, let notes) = try Self.decide(argv) else {
            Issue.record("expected a run")
            return
        }
        #expect(
            notes == [
                "Option --property is deprecated and will be removed in a future version. Use --reader-property instead.",
                "Option --producer-property is deprecated and will be removed in a future version. Use --command-property instead.",
                "Option --producer.config is deprecated and will be removed in a future version. Use --command-config instead.",
            ])
        #expect(settings.readerPropertyOption == "property")
        #expect(settings.commandPropertyOption == "producer-property")
        #expect(settings.commandConfigOption == "producer.config")
    }

    @Test func newNamesNeedNoNote() throws {
        guard case .run(let settings, let notes) = try Self.decide(Self.base + ["--reader-property", "x=1"]) else {
            Issue.record("expected a run")
            return
        }
        #expect(notes.isEmpty)
        #expect(settings.readerPropertyOption == "reader-property")
        #expect(settings.bootstrapServers == "localhost:9092")
    }
}
