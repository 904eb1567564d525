#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaProtocol
import KafkaSecurity
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to one broker, after the ApiVersions handshake. Requests are pipelined: any number may be
/// in flight, and each caller waits only for its own response.
public final class BrokerConnection: Sendable {
    public let address: BrokerAddress
    public let apiVersions: ApiVersionTable
    private let channel: any Channel
    private let clientId: String?

    private init(address: BrokerAddress, channel: any Channel, clientId: String?, apiVersions: ApiVersionTable) {
        self.address = address
        self.channel = channel
        self.clientId = clientId
        self.apiVersions = apiVersions
    }

    public var isActive: Bool { channel.isActive }

    /// Connects, completes the TLS handshake (SSL, SASL_SSL), negotiates API versions and authenticates
    /// (SASL_*). Fails with `.connectionFailed` naming the address, or `.securityFailure` (never retried) when
    /// TLS or SASL refuse us or `security.protocol` does not match the listener.
    public static func connect(
        to address: BrokerAddress, config: ClientConfig, timeoutMs: Int64? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> BrokerConnection {
        let description = address.description
        let failure: @Sendable (String) -> KafkaClientError = {
            .connectionFailed(address: description, reason: $0)
        }
        let classify: @Sendable (any Error) -> KafkaClientError? = { error in
            if let error = error as? KafkaClientError { return error }
            return TLSFailureReason.isTLSError(error) ? TLSHandshakeHandler.failure(error, address: address) : nil
        }
        let security = config.security
        let sslContext = try security.tls.map { try TLSContextCache.shared.context(for: $0) }
        // IP addresses cannot go in SNI; NIOSSL then checks the certificate against the peer's IP instead.
        let serverHostname = (try? SocketAddress(ipAddress: address.host, port: 0)) == nil ? address.host : nil
        let setupTimeoutMs = min(timeoutMs ?? .max, config.connectionSetupTimeoutMs)
        let loop = group.next()
        let handshake = loop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(.milliseconds(setupTimeoutMs))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let sslContext {
                            try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname))
                            try pipeline.addHandler(TLSHandshakeHandler(promise: handshake, address: address))
                        } else {
                            try pipeline.addHandler(TLSReplySniffer(address: address))
                            handshake.succeed(())
                        }
                        try pipeline.addHandler(ByteToMessageHandler(KafkaFrameDecoder()))
                        try pipeline.addHandler(ResponseMatchingHandler(describeFailure: failure, classifyError: classify))
                    }
                }
                .connect(host: address.host, port: address.port).get()
        } catch {
            handshake.fail(error)
            if let error = error as? KafkaClientError { throw error }
            throw failure(Self.describeConnectError(error))
        }
        let clientId = config.clientId
        do {
            try await waitForHandshake(handshake, on: loop, timeoutMs: setupTimeoutMs, address: address)
            let versions = try await negotiateVersions(channel: channel, clientId: clientId, config: config)
            if let sasl = security.sasl {
                try await authenticate(
                    channel: channel, clientId: clientId, address: address, versions: versions, sasl: sasl,
                    timeoutMs: config.requestTimeoutMs)
            }
            return BrokerConnection(address: address, channel: channel, clientId: clientId, apiVersions: versions)
        } catch KafkaClientError.connectionFailed(_, let reason) where !security.securityProtocol.usesTLS
            && !channel.isActive
        {
            channel.close(promise: nil)
            // A TLS listener drops plaintext without a word; say so rather than retry until the deadline.
            throw KafkaClientError.securityFailure(
                "Connection to \(address) failed: \(reason) during ApiVersions; is it a TLS (SSL) listener? "
                    + "check security.protocol")
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    /// A TLS peer that never answers (a plaintext listener waiting for more bytes) fails after the connect
    /// timeout instead of holding the first request until request.timeout.ms.
    private static func waitForHandshake(
        _ handshake: EventLoopPromise<Void>, on loop: any EventLoop, timeoutMs: Int64, address: BrokerAddress
    ) async throws {
        let timeout = loop.scheduleTask(in: .milliseconds(timeoutMs)) {
            handshake.fail(
                KafkaClientError.securityFailure(
                    "SSL handshake failed with \(address): no answer within \(timeoutMs) ms; is it a PLAINTEXT "
                        + "listener? check security.protocol"))
        }
        defer { timeout.cancel() }
        try await handshake.futureResult.get()
    }

    /// Sends `request` at the highest version both sides speak (capped at `maxVersion`) and decodes the answer.
    public func send<Request: KafkaRequest>(
        _ request: Request, maxVersion: Int16? = nil, timeoutMs: Int64
    ) async throws -> Request.Response {
        let version = try negotiatedVersion(Request.self, maxVersion: maxVersion)
        return try await Self.send(
            request, version: version, channel: channel, clientId: clientId, timeoutMs: timeoutMs, address: address)
    }

    /// The version `send` would use.
    public func negotiatedVersion<Request: KafkaRequest>(_ type: Request.Type, maxVersion: Int16? = nil) throws -> Int16 {
        guard let version = apiVersions.version(for: type, maxVersion: maxVersion) else {
            throw KafkaClientError.unsupportedApi(Request.apiKey, address: address.description)
        }
        return version
    }

    /// Sends a request that gets no response (Produce with acks=0); returns once it is written.
    public func sendWithoutResponse<Request: KafkaRequest>(_ request: Request, version: Int16) async throws {
        let frame = try Self.encode(request, version: version, clientId: clientId, allocator: channel.allocator)
        _ = try await Self.transmit(frame, expectsResponse: false, timeoutMs: Int64.max / 2, channel: channel)
    }

    /// Sends a request at an explicit version.
    public func send<Request: KafkaRequest>(_ request: Request, version: Int16, timeoutMs: Int64) async throws
        -> Request.Response
    {
        try await Self.send(
            request, version: version, channel: channel, clientId: clientId, timeoutMs: timeoutMs, address: address)
    }

    public func close() {
        channel.close(promise: nil)
    }

    /// Writes the request at once and returns its pending answer: requests dispatched one after another are on
    /// the wire in that order (what an idempotent producer's sequence numbers need), whoever awaits them.
    /// `sizeHint` sizes the frame's buffer up front (a Produce request knows its batches' sizes), sparing the copies
    /// of a buffer that grows from 256 bytes.
    public func dispatch<Request: KafkaRequest>(
        _ request: Request, version: Int16, timeoutMs: Int64, sizeHint: Int = 256
    ) throws -> PendingResponse<Request.Response> {
        let frame = try Self.encode(
            request, version: version, clientId: clientId, allocator: channel.allocator, capacity: sizeHint)
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.writeAndFlush(
            OutgoingRequest(
                frame: frame, expectsResponse: true,
                timeout: .milliseconds(timeoutMs), response: promise),
            promise: nil)
        return PendingResponse(frame: promise.futureResult, version: version, address: address, timeoutMs: timeoutMs)
    }

    /// Writes a request that gets no answer (Produce with acks=0) at once; the future completes once written.
    public func dispatchWithoutResponse<Request: KafkaRequest>(_ request: Request, version: Int16, sizeHint: Int = 256)
        throws -> EventLoopFuture<ByteBuffer>
    {
        let frame = try Self.encode(
            request, version: version, clientId: clientId, allocator: channel.allocator, capacity: sizeHint)
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.writeAndFlush(
            OutgoingRequest(frame: frame, expectsResponse: false, timeout: .seconds(3600), response: promise),
            promise: nil)
        return promise.futureResult
    }

    // MARK: - Internals

    static func send<Request: KafkaRequest>(
        _ request: Request, version: Int16, channel: any Channel, clientId: String?, timeoutMs: Int64,
        address: BrokerAddress
    ) async throws -> Request.Response {
        let frame = try encode(request, version: version, clientId: clientId, allocator: channel.allocator)
        let responseFrame: ByteBuffer
        do {
            responseFrame = try await transmit(frame, expectsResponse: true, timeoutMs: timeoutMs, channel: channel)
        } catch KafkaClientError.timeout {
            throw KafkaClientError.timeout(
                "Timed out after \(timeoutMs) ms waiting for a \(Request.apiKey.name) response from \(address)")
        }
        do {
            return try KafkaFrames.decodeResponse(Request.Response.self, version: version, frame: responseFrame).body
        } catch {
            throw KafkaClientError.protocolViolation(
                "could not decode the \(Request.apiKey.name) v\(version) response from \(address): \(error)")
        }
    }

    static func encode<Request: KafkaRequest>(
        _ request: Request, version: Int16, clientId: String?, allocator: ByteBufferAllocator, capacity: Int = 256
    ) throws -> ByteBuffer {
        var frame = allocator.buffer(capacity: capacity)
        // The correlation id is a placeholder; the channel handler numbers frames in the order they are written.
        try KafkaFrames.encodeRequest(request, version: version, correlationId: 0, clientId: clientId, into: &frame)
        return frame
    }

    private static func transmit(_ frame: ByteBuffer, expectsResponse: Bool, timeoutMs: Int64, channel: any Channel)
        async throws -> ByteBuffer
    {
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let request = OutgoingRequest(
            frame: frame, expectsResponse: expectsResponse, timeout: .milliseconds(timeoutMs), response: promise)
        channel.writeAndFlush(request, promise: nil)
        return try await promise.futureResult.get()
    }

    /// ApiVersions v3 first (what current clients send); a broker that only knows older versions answers
    /// UNSUPPORTED_VERSION in the v0 layout with its own range, and we ask again at the highest it offers.
    private static func negotiateVersions(channel: any Channel, clientId: String?, config: ClientConfig) async throws
        -> ApiVersionTable
    {
        var request = ApiVersionsRequest()
        request.clientSoftwareName = config.softwareName
        request.clientSoftwareVersion = config.softwareVersion
        var version: Int16 = 3
        for _ in 0..<2 {
            let frame = try encode(request, version: version, clientId: clientId, allocator: channel.allocator)
            let responseFrame = try await transmit(
                frame, expectsResponse: true, timeoutMs: config.requestTimeoutMs, channel: channel)
            let response: ApiVersionsResponse
            if let decoded = try? KafkaFrames.decodeResponse(ApiVersionsResponse.self, version: version, frame: responseFrame)
                .body
            {
                response = decoded
            } else {
                response = try KafkaFrames.decodeResponse(ApiVersionsResponse.self, version: 0, frame: responseFrame).body
            }
            if response.errorCode == ErrorCode.unsupportedVersion.rawValue,
                let offered = response.apiKeys.first(where: { $0.apiKey == ApiKey.apiVersions.rawValue }),
                offered.maxVersion < version
            {
                version = offered.maxVersion
                continue
            }
            if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
            return ApiVersionTable(response)
        }
        throw KafkaClientError.protocolViolation("the broker did not accept any ApiVersions version")
    }

    /// The system's reason ("Connection refused"), not NIO's nested description of every address tried.
    private static func describeConnectError(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first { return describeConnectError(first.error) }
            if connection.dnsAError != nil || connection.dnsAAAAError != nil {
                return "could not resolve host \(connection.host)"
            }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if error is ChannelError { return "\(error)" }
        return "\(error)"
    }
}

/// A request already on the wire, waiting for its answer.
public struct PendingResponse<Response: KafkaResponse>: Sendable {
    let frame: EventLoopFuture<ByteBuffer>
    let version: Int16
    let address: BrokerAddress
    let timeoutMs: Int64

    public func get() async throws -> Response {
        let bytes: ByteBuffer
        do {
            bytes = try await frame.get()
        } catch KafkaClientError.timeout {
            throw KafkaClientError.timeout(
                "Timed out after \(timeoutMs) ms waiting for a \(Response.apiKey.name) response from \(address)")
        }
        do {
            return try KafkaFrames.decodeResponse(Response.self, version: version, frame: bytes).body
        } catch {
            throw KafkaClientError.protocolViolation(
                "could not decode the \(Response.apiKey.name) v\(version) response from \(address): \(error)")
        }
    }
}
