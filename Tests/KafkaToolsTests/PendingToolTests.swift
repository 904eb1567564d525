import ArgumentParser
import Testing
@testable import KafkaTools

@Suite struct PendingToolTests {
    @Test func parsesAnyApacheCommandLine() throws {
        let command = try TopicsCommand.parse(["--bootstrap-server", "localhost:9092", "--list"])
        #expect(command.arguments == ["--bootstrap-server", "localhost:9092", "--list"])
    }
}
