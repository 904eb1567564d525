import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

/// Shutdown stops accepting, answers what is in flight, then closes every connection.
@Suite struct GracefulShutdownTests {
    /// Metadata that takes a while, so that a request is still in flight when shutdown starts.
    struct SlowMetadataHandler: RequestHandler {
        typealias Request = MetadataRequest
        static let versions: ClosedRange<Int16> = 0...12

        func handle(header: RequestHeader, request: MetadataRequest, context: RequestContext) async throws
            -> MetadataResponse
        {
            try await Task.sleep(for: .milliseconds(300))
            return await MetadataHandler().handle(header: header, request: request, context: context)
        }
    }

    @Test func inFlightResponseIsSentBeforeTheConnectionCloses() async throws {
        let config = try TestBroker.config()
        let topicManager = try await TopicManager.open(config: config, fileSystem: InMemoryFileSystem(), clusterId: "c")
        let registry = HandlerRegistry([.init(SlowMetadataHandler()), .init(ApiVersionsHandler())])
        let server = BrokerServer(config: config, topicManager: topicManager, registry: registry, threads: 1)
        let port = try #require(try await server.start().first?.port)
        let busy = try await TestConnection(port: port)
        let idle = try await TestConnection(port: port)
        _ = try await idle.roundTrip(ApiVersionsRequest(), version: 0)

        try await busy.send(MetadataRequest(topics: nil), version: 1, correlationId: 5)
        try await Task.sleep(for: .milliseconds(50))
        async let stopped: Void = server.shutdown()

        let frame = try #require(await busy.nextFrame())
        let (header, body) = try KafkaFrames.decodeResponse(MetadataResponse.self, version: 1, frame: frame)
        #expect(header.correlationId == 5)
        #expect(body.brokers.count == 1)
        #expect(await busy.nextFrame() == nil)
        #expect(await idle.nextFrame() == nil)
        await stopped
        try await topicManager.shutdown()
        await #expect(throws: (any Error).self) { _ = try await TestConnection(port: port) }
    }
}
