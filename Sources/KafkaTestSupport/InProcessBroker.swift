import KafkaBroker
import KafkaStorage

/// A bundled broker inside the test process: loopback, an ephemeral port, an in-memory log dir by default.
/// Client tests talk to it over real TCP.
public struct InProcessBroker: Sendable {
    public let server: BrokerServer
    public let topicManager: TopicManager
    public let port: Int

    /// `host:port` for `bootstrap.servers`.
    public var bootstrap: String { "127.0.0.1:\(port)" }

    public static func start(
        extra: [String: String] = [:], fileSystem: any StorageFileSystem = InMemoryFileSystem()
    ) async throws -> InProcessBroker {
        // A small __consumer_offsets: the in-memory file system really allocates every partition's preallocated
        // index files (50 partitions would be about 1 GB, and the zero-filling runs on the cooperative pool).
        var values = [
            "listeners": "PLAINTEXT://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs", "offsets.topic.num.partitions": "1",
        ]
        values.merge(extra) { _, new in new }
        let config = try BrokerConfig(values: values)
        let topicManager = try await TopicManager.open(
            config: config, fileSystem: fileSystem, clusterId: "test-cluster-id")
        let server = BrokerServer(config: config, topicManager: topicManager, threads: 1)
        let bound = try await server.start()
        guard let port = bound.first?.port else {
            await server.shutdown()
            try await topicManager.shutdown()
            throw InProcessBrokerError.notBound
        }
        return InProcessBroker(server: server, topicManager: topicManager, port: port)
    }

    public func stop() async throws {
        await server.shutdown()
        try await topicManager.shutdown()
    }

    /// Runs `body` with a fresh broker and always shuts it down.
    public static func with<T>(
        extra: [String: String] = [:], fileSystem: any StorageFileSystem = InMemoryFileSystem(),
        _ body: (InProcessBroker) async throws -> T
    ) async throws -> T {
        let broker = try await start(extra: extra, fileSystem: fileSystem)
        do {
            let result = try await body(broker)
            try await broker.stop()
            return result
        } catch {
            try? await broker.stop()
            throw error
        }
    }
}

public enum InProcessBrokerError: Error {
    case notBound
}
