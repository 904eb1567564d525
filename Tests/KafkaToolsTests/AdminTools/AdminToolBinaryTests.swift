import Foundation
import Testing

/// The built kafka-topics and kafka-configs binaries: help, version, usage and a refused command line, with the
/// streams and exit codes of docs/cli-compat.md.
@Suite struct AdminToolBinaryTests {
    @Test(arguments: ["kafka-topics", "kafka-configs"])
    func entryPoints(tool: String) throws {
        let binary = try #require(ToolBinary.binary(tool))
        let help = try ToolBinary.run(binary, ["--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: ") && help.stderr.isEmpty)
        let version = try ToolBinary.run(binary, ["--version"])
        #expect(version.status == 0 && version.stdout == "4.0.0-swift\n")
        let none = try ToolBinary.run(binary, [])
        #expect(none.status == 1 && none.stdout.isEmpty && none.stderr.contains("OVERVIEW: "))
        let unknown = try ToolBinary.run(binary, ["--zookeeper", "localhost:2181"])
        #expect(
            unknown.status == 1 && unknown.stdout.isEmpty && unknown.stderr == "zookeeper is not a recognized option\n")
    }

    @Test func anUnreachableServerFailsWithinTheConfiguredTimeout() throws {
        let binary = try #require(ToolBinary.binary("kafka-topics"))
        let config = FileManager.default.temporaryDirectory.appendingPathComponent(
            "topics-\(UUID().uuidString).properties")
        try Data("default.api.timeout.ms=500\n".utf8).write(to: config)
        defer { try? FileManager.default.removeItem(at: config) }
        let start = ContinuousClock.now
        let run = try ToolBinary.run(
            binary, ["--bootstrap-server", "127.0.0.1:1", "--list", "--command-config", config.path])
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(run.status == 1)
        #expect(
            run.stdout.hasPrefix(
                "Error while executing topic command : Could not connect to any bootstrap server (127.0.0.1:1)"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
