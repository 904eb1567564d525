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
            #expect(ClientErrorText.describe(error) == "Invalid url in bootstrap.servers: no-port")
        }
    }

    @Test func connectionFailuresKeepTheAddressAndTheSystemsReason() {
        let refused = KafkaClientError.bootstrapUnreachable(
            servers: ["localhost:9092"],
            reason:
                "Connection errors: SingleConnectionFailure(target: [IPv4]localhost/127.0.0.1:9092, error: connection reset (error set): Connection refused (errno: 111))"
        )
        #expect(
            ClientErrorText.describe(refused)
                == "Could not connect to any bootstrap server (localhost:9092): Connection refused")
        let unknownHost = KafkaClientError.bootstrapUnreachable(
            servers: ["nosuch:9092"],
            reason:
                "DNS error: SocketAddressError.UnknownHost: Name or service not known (error -2) for host nosuch, port 9092"
        )
        #expect(
            ClientErrorText.describe(unknownHost)
                == "Could not connect to any bootstrap server (nosuch:9092): Name or service not known")
        let other = KafkaClientError.timeout("Timed out")
        #expect(ClientErrorText.describe(other) == "Timed out")
    }
}
