import KafkaProtocol
import KafkaSecurity
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

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

    /// `tls` puts a TLS server in front of the Kafka framing; `sasl` makes each connection authenticate first,
    /// as a SASL listener does (requests before that close the connection).
    public static func start(
        tls: TLSConfiguration? = nil, sasl: SaslScript? = nil, respond: @escaping Responder
    ) async throws -> ScriptedBroker {
        let sslContext = try tls.map { try NIOSSLContext(configuration: $0) }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(KafkaFrameDecoder()))
                    try child.pipeline.syncOperations.addHandler(ScriptedConnectionHandler(respond: respond, sasl: sasl))
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

/// What a scripted SASL listener accepts.
public struct SaslScript: Sendable {
    public var mechanism: SaslMechanism
    public var users: [String: String]
    /// Offer only SaslHandshake v0 and no SaslAuthenticate (Kafka before 1.0): tokens travel as raw frames.
    public var handshakeV0Only: Bool

    public init(mechanism: SaslMechanism, users: [String: String], handshakeV0Only: Bool = false) {
        self.mechanism = mechanism
        self.users = users
        self.handshakeV0Only = handshakeV0Only
    }
}

private final class ScriptedConnectionHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let respond: ScriptedBroker.Responder
    private let sasl: SaslScript?

    private enum SaslState {
        case awaitingHandshake
        case exchanging(ScriptedSaslServer, raw: Bool)
        case authenticated
    }

    private let state: NIOLockedValueBox<SaslState>

    init(respond: @escaping ScriptedBroker.Responder, sasl: SaslScript?) {
        self.respond = respond
        self.sasl = sasl
        state = NIOLockedValueBox(sasl == nil ? .authenticated : .awaitingHandshake)
    }

    /// A frame a real broker could not read (a TLS hello on a plaintext port) closes the connection, as Kafka's does.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let channel = context.channel
        if case .exchanging(var server, raw: true) = state.withLockedValue({ $0 }) {
            let step = server.receive(Array(frame.readableBytesView))
            state.withLockedValue { $0 = .exchanging(server, raw: true) }
            Task { await self.answerRawToken(step, channel: channel) }
            return
        }
        let respond = self.respond
        Task {
            guard let request = try? KafkaFrames.decodeRequest(frame) else {
                try? await channel.close()
                return
            }
            var answer: (any KafkaResponse)?
            var closeAfter = false
            if sasl != nil, request.apiKey == .saslHandshake || request.apiKey == .saslAuthenticate {
                (answer, closeAfter) = saslAnswer(request)
            } else if request.apiKey != .apiVersions, case .authenticated = state.withLockedValue({ $0 }) {
                answer = await respond(request)
            } else if request.apiKey == .apiVersions {
                answer = await respond(request) ?? apiVersions()
            } else {
                try? await channel.close()  // Kafka: a request before authentication ends the connection
                return
            }
            guard let answer else { return }
            var buffer = channel.allocator.buffer(capacity: 256)
            do {
                try KafkaFrames.encodeResponse(
                    answer, version: request.version, correlationId: request.header.correlationId, into: &buffer)
                try await channel.writeAndFlush(buffer)
                if closeAfter { try await channel.close() }
            } catch {
                try? await channel.close()
            }
        }
    }

    private func apiVersions() -> ApiVersionsResponse {
        var response = ScriptedBroker.allApiVersions()
        if sasl?.handshakeV0Only == true {
            response.apiKeys.removeAll { $0.apiKey == ApiKey.saslAuthenticate.rawValue }
            for index in response.apiKeys.indices where response.apiKeys[index].apiKey == ApiKey.saslHandshake.rawValue {
                response.apiKeys[index].maxVersion = 0
            }
        }
        return response
    }

    /// The answer to SaslHandshake or SaslAuthenticate, and whether to close the connection after it.
    private func saslAnswer(_ request: DecodedRequest) -> ((any KafkaResponse)?, Bool) {
        guard let sasl else { return (nil, true) }
        if let handshake = request.body as? SaslHandshakeRequest {
            var response = SaslHandshakeResponse()
            response.mechanisms = [sasl.mechanism.rawValue]
            guard handshake.mechanism == sasl.mechanism.rawValue else {
                response.errorCode = ErrorCode.unsupportedSaslMechanism.rawValue
                return (response, true)
            }
            let server = ScriptedSaslServer(mechanism: sasl.mechanism, users: sasl.users)
            state.withLockedValue { $0 = .exchanging(server, raw: request.version == 0) }
            return (response, false)
        }
        guard let authenticate = request.body as? SaslAuthenticateRequest,
            case .exchanging(var server, raw: false) = state.withLockedValue({ $0 })
        else { return (nil, true) }
        var response = SaslAuthenticateResponse()
        switch server.receive(Array(authenticate.authBytes.readableBytesView)) {
        case .challenge(let token):
            state.withLockedValue { $0 = .exchanging(server, raw: false) }
            response.authBytes = ByteBuffer(bytes: token)
            return (response, false)
        case .success(let token):
            state.withLockedValue { $0 = .authenticated }
            response.authBytes = ByteBuffer(bytes: token)
            return (response, false)
        case .failure(let message):
            response.errorCode = ErrorCode.saslAuthenticationFailed.rawValue
            response.errorMessage = message
            return (response, true)
        }
    }

    /// Raw tokens (after SaslHandshake v0): a size-prefixed frame back; a failure just closes, as old brokers did.
    private func answerRawToken(_ step: ScriptedSaslServer.Step, channel: any Channel) async {
        let token: [UInt8]
        switch step {
        case .challenge(let bytes): token = bytes
        case .success(let bytes):
            token = bytes
            state.withLockedValue { $0 = .authenticated }
        case .failure:
            try? await channel.close()
            return
        }
        var buffer = channel.allocator.buffer(capacity: token.count + 4)
        buffer.writeInteger(Int32(token.count))
        buffer.writeBytes(token)
        try? await channel.writeAndFlush(buffer)
    }
}
