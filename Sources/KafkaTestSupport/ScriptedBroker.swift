import KafkaProtocol
import NIOCore
import NIOPosix

/// A fake broker whose answers a test scripts: each decoded request goes to `respond`, and whatever it returns
/// is sent back at the request's version (nil sends nothing). ApiVersions is answered for every API this library
/// knows unless `respond` answers it. Lets client tests play out multi-broker situations (leader moves,
/// NOT_CONTROLLER, brokers that are down) that the single-node bundled broker never produces.
public final class ScriptedBroker: Sendable {
    public typealias Responder = @Sendable (DecodedRequest) async -> (any KafkaResponse)?

    public let port: Int
    private let channel: any Channel

    public var address: String { "127.0.0.1:\(port)" }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    public static func start(respond: @escaping Responder) async throws -> ScriptedBroker {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(KafkaFrameDecoder()))
                    try child.pipeline.syncOperations.addHandler(ScriptedConnectionHandler(respond: respond))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw InProcessBrokerError.notBound
        }
        return ScriptedBroker(port: port, channel: channel)
    }

    public func stop() async {
        try? await channel.close()
    }

    /// An ApiVersions answer offering every version of every API this library has types for.
    public static func allApiVersions() -> ApiVersionsResponse {
        var response = ApiVersionsResponse()
        response.apiKeys = ApiKey.allCases.map {
            ApiVersionsResponse.ApiVersion(
                apiKey: $0.rawValue, minVersion: $0.requestType.versions.lowerBound,
                maxVersion: $0.requestType.versions.upperBound)
        }
        return response
    }
}

private final class ScriptedConnectionHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let respond: ScriptedBroker.Responder

    init(respond: @escaping ScriptedBroker.Responder) {
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let channel = context.channel
        let respond = self.respond
        Task {
            guard let request = try? KafkaFrames.decodeRequest(frame) else {
                try? await channel.close()
                return
            }
            var answer = await respond(request)
            if answer == nil, request.apiKey == .apiVersions { answer = ScriptedBroker.allApiVersions() }
            guard let answer else { return }
            var buffer = channel.allocator.buffer(capacity: 256)
            do {
                try KafkaFrames.encodeResponse(
                    answer, version: request.version, correlationId: request.header.correlationId, into: &buffer)
                try await channel.writeAndFlush(buffer)
            } catch {
                try? await channel.close()
            }
        }
    }
}
