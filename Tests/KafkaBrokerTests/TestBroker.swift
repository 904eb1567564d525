import KafkaProtocol
import KafkaStorage
import NIOCore
import NIOPosix
import NIOSSL
import Testing
@testable import KafkaBroker

/// An in-process broker on an ephemeral loopback port over an in-memory log dir (or the given file system and
/// log dir), and raw clients that speak through `KafkaFrames`.
struct TestBroker {
    let server: BrokerServer
    let topicManager: TopicManager
    let port: Int

    static func config(extra: [String: String] = [:]) throws -> BrokerConfig {
        var values = ["listeners": "PLAINTEXT://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs"]
        values.merge(extra) { _, new in new }
        return try BrokerConfig(values: values)
    }

    static func start(
        extra: [String: String] = [:], fileSystem: any StorageFileSystem = InMemoryFileSystem()
    ) async throws -> TestBroker {
        let config = try config(extra: extra)
        let topicManager = try await TopicManager.open(
            config: config, fileSystem: fileSystem, clusterId: "test-cluster-id")
        let server = BrokerServer(config: config, topicManager: topicManager, threads: 1)
        let bound = try await server.start()
        let port = try #require(bound.first?.port)
        return TestBroker(server: server, topicManager: topicManager, port: port)
    }

    func stop() async throws {
        await server.shutdown()
        try await topicManager.shutdown()
    }

    /// Runs `body` with a fresh broker and always shuts it down.
    static func with<T>(
        extra: [String: String] = [:], fileSystem: any StorageFileSystem = InMemoryFileSystem(),
        _ body: (TestBroker) async throws -> T
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

/// One client connection; frames come back whole (size prefix removed), nil once the broker closed it.
final class TestConnection {
    private let channel: any Channel
    private var frames: AsyncStream<ByteBuffer>.AsyncIterator
    private static let group = MultiThreadedEventLoopGroup.singleton

    /// `tls`: connect through TLS with this context (security tests).
    init(port: Int, tls: NIOSSLContext? = nil) async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        channel = try await ClientBootstrap(group: Self.group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: nil))
                    }
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
