import KafkaProtocol
import NIOCore
import NIOPosix
import Testing
@testable import KafkaBroker

/// An in-process broker on an ephemeral loopback port, and raw clients that speak through `KafkaFrames`.
struct TestBroker {
    let server: BrokerServer
    let port: Int

    static func start(
        topics: any TopicMetadataSource = EmptyTopicMetadataSource(), extra: [String: String] = [:]
    ) async throws -> TestBroker {
        var values = ["listeners": "PLAINTEXT://127.0.0.1:0", "node.id": "1"]
        values.merge(extra) { _, new in new }
        let config = try BrokerConfig(values: values)
        let server = BrokerServer(config: config, clusterId: "test-cluster-id", topics: topics, threads: 1)
        let bound = try await server.start()
        let port = try #require(bound.first?.port)
        return TestBroker(server: server, port: port)
    }

    /// Runs `body` with a fresh broker and always shuts it down.
    static func with<T>(
        topics: any TopicMetadataSource = EmptyTopicMetadataSource(), extra: [String: String] = [:],
        _ body: (TestBroker) async throws -> T
    ) async throws -> T {
        let broker = try await start(topics: topics, extra: extra)
        do {
            let result = try await body(broker)
            await broker.server.shutdown()
            return result
        } catch {
            await broker.server.shutdown()
            throw error
        }
    }
}

/// One client connection; frames come back whole (size prefix removed), nil once the broker closed it.
final class TestConnection {
    private let channel: any Channel
    private var frames: AsyncStream<ByteBuffer>.AsyncIterator
    private static let group = MultiThreadedEventLoopGroup.singleton

    init(port: Int) async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        channel = try await ClientBootstrap(group: Self.group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(KafkaFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(FrameCollector(continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        frames = stream.makeAsyncIterator()
    }

    func send(raw bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    func send(_ request: some KafkaRequest, version: Int16, correlationId: Int32) async throws {
        var buffer = ByteBuffer()
        try KafkaFrames.encodeRequest(request, version: version, correlationId: correlationId, clientId: "test", into: &buffer)
        try await channel.writeAndFlush(buffer)
    }

    /// The next response frame, or nil when the connection was closed (or reset) by the broker.
    func nextFrame() async -> ByteBuffer? {
        await frames.next()
    }

    func roundTrip<Request: KafkaRequest>(_ request: Request, version: Int16, correlationId: Int32 = 7) async throws
        -> (header: ResponseHeader, body: Request.Response)
    {
        try await send(request, version: version, correlationId: correlationId)
        let frame = try #require(await nextFrame())
        return try KafkaFrames.decodeResponse(Request.Response.self, version: version, frame: frame)
    }

    func close() async {
        try? await channel.close()
    }
}

/// Hands each response frame to the test; finishes the stream when the connection ends.
private final class FrameCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let continuation: AsyncStream<ByteBuffer>.Continuation

    init(_ continuation: AsyncStream<ByteBuffer>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        continuation.finish()
        context.close(promise: nil)
    }
}
