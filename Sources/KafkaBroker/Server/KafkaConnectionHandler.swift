import KafkaProtocol
import KafkaSecurity
import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// Asks a connection to finish what it has received and close (graceful shutdown).
struct DrainConnectionEvent: Sendable {}

/// Serves one client connection: frames are answered strictly one after another, as Kafka does, and reading
/// pauses while a request is being handled so a client cannot queue up unbounded work. A bad frame closes this
/// connection only. On a SASL listener the connection authenticates first (`SaslServerAuthenticator`); on a TLS
/// listener with client certificates the certificate's subject is the principal.
final class KafkaConnectionHandler: ChannelDuplexHandler {
    /// How the listener this connection arrived on authenticates it.
    struct Security: Sendable {
        var sasl: SaslServerAuthenticator.Configuration?
        /// SSL listeners: the principal is the client certificate's subject, when one was presented.
        var principalFromCertificate = false
        /// `connection.failed.authentication.delay.ms`.
        var failedAuthenticationDelay = TimeAmount.milliseconds(100)

        static let none = Security()
    }

    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let dispatcher: RequestDispatcher
    private let logger: Logger
    private var clientAddress = "unknown"
    private var pending = CircularBuffer<ByteBuffer>()
    private var busy = false
    private var draining = false
    private var active = true
    /// A read requested while busy; passed on once the current request is answered.
    private var readHeld = false
    private let security: Security
    /// Until SASL authentication completes (nil on listeners without SASL).
    private var authenticator: SaslServerAuthenticator?
    private var principal = KafkaPrincipal.anonymous
    /// One log line per failed connection, however many errors the TLS layer reports.
    private var failureLogged = false

    init(dispatcher: RequestDispatcher, logger: Logger, security: Security = .none) {
        self.dispatcher = dispatcher
        self.logger = logger
        self.security = security
        self.authenticator = security.sasl.map { SaslServerAuthenticator(configuration: $0) }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if let remote = context.channel.remoteAddress {
            clientAddress = "\(remote.ipAddress ?? "?"):\(remote.port ?? 0)"
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        pending.removeAll()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(unwrapInboundIn(data))
        processNext(context: context)
    }

    func read(context: ChannelHandlerContext) {
        if busy {
            readHeld = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            if security.principalFromCertificate,
                let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
                let certificate = handler.peerCertificate
            {
                principal = CertificatePrincipal.principal(of: certificate)
            }
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard event is DrainConnectionEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        draining = true
        if !busy && pending.isEmpty { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        defer {
            failureLogged = true
            active = false
            context.close(promise: nil)
        }
        guard !failureLogged else { return }
        switch error {
        case let frameError as KafkaFrameError:
            // Apache: "Invalid receive (size = N larger than M)"; the body is never read.
            logger.warning("Unexpected error from \(clientAddress); closing connection: \(frameError)")
        case is ByteToMessageDecoderError:
            break  // a half-sent frame at close, or bytes after a frame error that was already logged
        case NIOSSLError.uncleanShutdown:
            logger.debug("Connection to \(clientAddress) closed without a TLS close_notify")
        case is NIOSSLError, is BoringSSLError:
            // Kafka's line for a failed TLS handshake (e.g. plaintext Kafka bytes on a TLS port); details at debug.
            logger.info("Failed authentication with /\(clientAddress) (SSL handshake failed)")
            logger.debug("TLS error from \(clientAddress): \(error)")
        case is IOError:
            logger.debug("Connection to \(clientAddress) failed: \(error)")
        default:
            logger.warning("Closing socket for \(clientAddress) because of error: \(error)")
        }
    }

    private func processNext(context: ChannelHandlerContext) {
        guard active, !busy else { return }
        guard let frame = pending.popFirst() else {
            if draining { context.close(promise: nil) }
            return
        }
        busy = true
        if var authenticator, !authenticator.isComplete {
            let step = authenticator.receive(frame)
            self.authenticator = authenticator
            switch step {
            case .dispatch:
                break  // ApiVersions before the handshake: the normal path answers it
            case .respond(let bytes):
                return finish(.respond(bytes), context: context)
            case .respondAndClose(let bytes, let reason):
                return failAuthentication(reason, answer: bytes, context: context)
            case .close(let reason):
                return failAuthentication(reason, answer: nil, context: context)
            case .authenticated(let answer, let principal):
                self.principal = principal
                self.authenticator = nil
                // Authenticated: frames up to socket.request.max.bytes from now on.
                context.pipeline.removeHandler(name: SaslReceiveLimitHandler.name, promise: nil)
                logger.debug("Authenticated \(clientAddress) as \(principal)")
                return finish(answer.map { .respond($0) } ?? .noResponse, context: context)
            }
        }
        let dispatcher = self.dispatcher
        let clientAddress = self.clientAddress
        let principal = self.principal
        let promise = context.eventLoop.makePromise(of: RequestDispatcher.Outcome.self)
        promise.completeWithTask { await dispatcher.dispatch(frame, clientAddress: clientAddress, principal: principal) }
        promise.futureResult.assumeIsolated().whenSuccess { outcome in
            self.finish(outcome, context: context)
        }
    }

    private func finish(_ outcome: RequestDispatcher.Outcome, context: ChannelHandlerContext) {
        busy = false
        guard active else { return }
        switch outcome {
        case .respond(let bytes):
            context.writeAndFlush(wrapOutboundOut(bytes), promise: nil)
            fallthrough
        case .noResponse:
            if readHeld && pending.isEmpty {
                readHeld = false
                context.read()
            }
            processNext(context: context)
        case .close(let reason):
            logger.warning("Closing socket for \(clientAddress) because of error: \(reason)")
            active = false
            context.close(promise: nil)
        case .respondAndClose(let bytes, let reason):
            logger.warning("Closing socket for \(clientAddress) because of error: \(reason)")
            closeAfterWriting(bytes, context: context)
        }
    }

    /// Kafka's INFO line for a refused authentication; the reason never holds a password.
    private func failAuthentication(_ reason: String, answer: ByteBuffer?, context: ChannelHandlerContext) {
        busy = false
        failureLogged = true
        logger.info("Failed authentication with /\(clientAddress) (\(reason))")
        guard let answer else {
            active = false
            context.close(promise: nil)
            return
        }
        closeAfterWriting(answer, context: context, delay: security.failedAuthenticationDelay)
    }

    /// The answer reaches the client before the close (a plain close could drop a pending write). After a failed
    /// authentication Kafka also waits `connection.failed.authentication.delay.ms`: it slows down password
    /// guessing, and clients that see the close before reading the answer (kafka-python) get the error.
    private func closeAfterWriting(_ bytes: ByteBuffer, context: ChannelHandlerContext, delay: TimeAmount = .zero) {
        active = false
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(bytes), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            guard delay > .zero else { return context.close(promise: nil) }
            context.eventLoop.assumeIsolated().scheduleTask(in: delay) { context.close(promise: nil) }
        }
    }
}
