import ArgumentParser
import Foundation
import KafkaServerStartCommand
import Testing

/// The built kafka-server-start as a user runs it: --help, --version, and one clear line for bad settings.
@Suite struct ServerStartBinaryTests {
    @Test func parsesApacheCommandLine() throws {
        let command = try ServerStartCommand.parse(["config/server.properties", "--override", "a=1", "--override", "b=2"])
        #expect(command.configFile == "config/server.properties")
        #expect(command.overrides == ["a=1", "b=2"])
    }

    @Test func helpAndVersionExitZero() throws {
        let binary = try #require(ToolBinary.binary("kafka-server-start"))
        let help = try ToolBinary.run(binary, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
        let version = try ToolBinary.run(binary, ["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--override", "num.partitions=abc"], "kafka-server-start: Invalid value abc for configuration num.partitions: Not a number of type INT\n"),
        (["--override", "log.retention.ms"], "kafka-server-start: Invalid override log.retention.ms: expected key=value\n"),
        (["/nonexistent/server.properties"], "kafka-server-start: Cannot read the properties file /nonexistent/server.properties: cannot open /nonexistent/server.properties: No such file or directory\n"),
    ])
    func invalidSettingsAreOneLineAndExitOne(arguments: [String], message: String) throws {
        let binary = try #require(ToolBinary.binary("kafka-server-start"))
        let result = try ToolBinary.run(binary, arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func unusableLogDirExitsOne() throws {
        let binary = try #require(ToolBinary.binary("kafka-server-start"))
        let result = try ToolBinary.run(
            binary, ["--override", "log.dirs=/proc/self/nope", "--override", "listeners=PLAINTEXT://127.0.0.1:0"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("kafka-server-start: Unusable log dir /proc/self/nope: "))
    }
}
