import Foundation
import Testing
@testable import KafkaTools

/// The built `kafka-dump-log` binary: Apache's exits and stream placement.
@Suite struct DumpLogCommandTests {
    @Test func filesIsRequired() throws {
        let binary = try #require(ToolBinary.binary("kafka-dump-log"))
        let result = try ToolBinary.run(binary, ["--deep-iteration"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Missing required argument \"[files]\"\n"))
        #expect(result.stdout.isEmpty)
        let empty = try ToolBinary.run(binary, [])
        #expect(empty.status == 1)
        #expect(empty.stderr.hasPrefix(DumpLogCommand.blurb + "\n"))
    }

    @Test func dumpsToStdoutAndExitsNonZeroWhenAFileIsMissing() throws {
        let binary = try #require(ToolBinary.binary("kafka-dump-log"))
        let directory = try TemporaryDirectory()
        let log = try directory.write("00000000000000000000.log", SegmentFixtures.segment(["kcat216_none"]))
        let ok = try ToolBinary.run(binary, ["--files", log, "--print-data-log"])
        #expect(ok.status == 0)
        #expect(ok.stdout.split(separator: "\n").count == 8)
        #expect(ok.stderr.isEmpty)
        let missing = directory.url.appendingPathComponent("00000000000000000001.log").path
        let failing = try ToolBinary.run(binary, ["--files=\(missing),\(log)"])
        #expect(failing.status == 1)
        #expect(failing.stdout.split(separator: "\n").count == 4)
        #expect(failing.stderr == "Error: could not read \(missing): No such file or directory\n")
    }
}
