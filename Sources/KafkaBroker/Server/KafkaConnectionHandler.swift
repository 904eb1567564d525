import KafkaProtocol
import Logging
import NIOCore

/// Asks a connection to finish what it has received and close (graceful shutdown).
struct DrainConnectionEvent: Sendable {}

/// Serves one client connection: frames are answered strictly one after another, as Kafka does, and reading
/// pauses while a request is being handled so a client cannot queue up unbounded work. A bad frame closes this
/// connection only.
final class KafkaConnectionHandler: ChannelDuplexHandler {
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

    init(dispatcher: RequestDispatcher, logger: Logger) {
        self.dispatcher = dispatcher
        self.logger = logger
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
        guard event is DrainConnectionEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        draining = true
        if !busy && pending.isEmpty { context.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        switch error {
        case let frameError as KafkaFrameError:
            // Apache: "Invalid receive (size = N larger than M)"; the body is never read.
            logger.warning("Unexpected error from \(clientAddress); closing connection: \(frameError)")
        case is ByteToMessageDecoderError:
            break  // a half-sent frame at close, or bytes after a frame error that was already logged
        case is IOError:
            logger.debug("Connection to \(clientAddress) failed: \(error)")
        default:
            logger.warning("Closing socket for \(clientAddress) because of error: \(error)")
        }
        active = false
        context.close(promise: nil)
    }

    private func processNext(context: ChannelHandlerContext) {
        guard active, !busy else { return }
        guard let frame = pending.popFirst() else {
            if draining { context.close(promise: nil) }
            return
        }
        busy = true
        let dispatcher = self.dispatcher
        let clientAddress = self.clientAddress
        let promise = context.eventLoop.makePromise(of: RequestDispatcher.Outcome.self)
        promise.completeWithTask { await dispatcher.dispatch(frame, clientAddress: clientAddress) }
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
        }
    }
}
