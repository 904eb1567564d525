import Foundation
import KafkaCLISupport
import KafkaClient
import Testing

@Suite struct AdminConnectionTests {
    @Test func commandConfigThenBootstrapThenOurTimeout() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "admin-\(UUID().uuidString).properties")
        try Data("bootstrap.servers=elsewhere:1\nclient.id=tools\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let properties = try AdminConnection(bootstrapServers: "localhost:9092", commandConfigPath: file.path)
            .properties()
        #expect(
            properties == [
                "bootstrap.servers": "localhost:9092", "client.id": "tools", "default.api.timeout.ms": "30000",
            ])
        try Data("default.api.timeout.ms=500\n".utf8).write(to: file)
        #expect(
            try AdminConnection(bootstrapServers: "h:1", commandConfigPath: file.path).properties()[
                "default.api.timeout.ms"]
                == "500")
    }

    @Test func unreadableFilesAndBadSettingsAreOneLine() {
        #expect(throws: (any Error).self) {
            try AdminConnection(bootstrapServers: "h:1", commandConfigPath: "/nonexistent.properties").open()
        }
        do {
            _ = try AdminConnection(bootstrapServers: "no-port", commandConfigPath: nil).open()
            Issue.record("opened")
        } catch {
            #expect(String(describing: error) == "Invalid url in bootstrap.servers: no-port")
        }
    }
}
