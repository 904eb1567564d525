import Foundation
import Testing

/// The built `kafka-console-producer`: help, version and usage errors, without a broker.
@Suite struct ConsoleProducerBinaryTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try #require(ToolBinary.binary("kafka-console-producer"))
        return try ToolBinary.run(binary, arguments)
    }

    @Test func helpGoesToStdoutAndExitsZero() throws {
        let help = try Self.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--bootstrap-server <server to connect to>"))
        #expect(help.stdout.contains("--reader-property <prop>"))
        #expect(help.stderr.isEmpty)
    }

    @Test func noArgumentsPrintsTheUsageOnStderrAndExitsOne() throws {
        let usage = try Self.run([])
        #expect(usage.status == 1)
        #expect(usage.stdout.isEmpty)
        #expect(usage.stderr.hasPrefix("This tool helps to read data from standard input and publish it to Kafka.\n"))
    }

    @Test func versionGoesToStdout() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "4.0.0-swift\n")
    }

    @Test(arguments: [
        (["--bootstrap-server", "localhost:9092"], "Missing required argument \"[topic]\"\n"),
        (
            ["--topic", "t", "--bootstrap-server", "nohost"],
            "Please provide valid host:port like host1:9091,host2:9092\n"
        ),
        (
            ["-topic", "t", "-bootstrap-server", "h:1", "-reader-property"],
            "Option reader-property requires an argument\n"
        ),
        (
            ["--topic", "t", "--bootstrap-server", "h:1", "--reader-property", "headers.separator=:"],
            "headers.separator and headers.key.separator may not be equal\n"
        ),
        (
            ["--topic", "t", "--bootstrap-server", "h:1", "--command-config", "/nonexistent/producer.properties"],
            "/nonexistent/producer.properties (No such file or directory)\n"
        ),
        (
            ["--topic", "t", "--bootstrap-server", "h:1", "--request-required-acks", "2"],
            "Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1\n"
        ),
        (
            ["--topic", "t", "--bootstrap-server", "h:1", "--line-reader", "com.example.Reader"],
            "Cannot use reader class com.example.Reader: only org.apache.kafka.tools.LineMessageReader is available\n"
        ),
    ])
    func oneLineOnStderrAndExitOne(arguments: [String], message: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func deprecatedNamesPrintANoteOnStdout() throws {
        let result = try Self.run(["--topic", "t", "--bootstrap-server", "h:1", "--property", "a=b", "--property"])
        #expect(result.status == 1)
        #expect(result.stderr == "Option property requires an argument\n")
        let noted = try Self.run([
            "--topic", "t", "--bootstrap-server", "h:1", "--producer.config", "/nonexistent/p.properties",
        ])
        #expect(
            noted.stdout
                == "Option --producer.config is deprecated and will be removed in a future version. Use --command-config instead.\n"
        )
        #expect(noted.status == 1)
    }
}
