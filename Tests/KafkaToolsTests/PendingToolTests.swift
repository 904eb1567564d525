import ArgumentParser
import Foundation
import Testing
@testable import KafkaTools

@Suite struct PendingToolTests {
    @Test func parsesAnyApacheCommandLine() throws {
        let command = try ConsumerGroupsCommand.parse(["--bootstrap-server", "localhost:9092", "--list"])
        #expect(command.arguments == ["--bootstrap-server", "localhost:9092", "--list"])
    }

    /// The built binaries: one line on stderr and exit 1, except --help (exit 0).
    @Test(arguments: [
        "kafka-console-consumer", "kafka-consumer-groups",
    ])
    func pendingToolsSayItAndExitOne(tool: String) throws {
        let binary = try #require(Self.binary(tool))
        let failing = try Self.run(binary, ["--bootstrap-server", "localhost:9092", "--list"])
        #expect(failing.status == 1)
        #expect(failing.stderr == "\(tool): not implemented yet\n")
        #expect(failing.stdout.isEmpty)
        let help = try Self.run(binary, ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
    }

    static func binary(_ name: String) -> URL? {
        // Tests run from the package's bin folder's xctest bundle; the executables sit next to it.
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
