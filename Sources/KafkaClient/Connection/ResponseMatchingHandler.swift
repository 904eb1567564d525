import KafkaProtocol
import NIOCore

/// A request frame on its way out, with the promise its response frame completes.
struct OutgoingRequest {
    /// The whole frame, size prefix included; its correlation id is filled in by the handler.
    var frame: ByteBuffer
    /// False for acks=0 produce: the promise completes (with an empty buffer) once the frame is written.
    var expectsResponse: Bool
    var timeout: TimeAmount
    var response: EventLoopPromise<ByteBuffer>
    /// A SASL token after SaslHandshake v0: no header to number, and the next frame in is its answer.
    var isRawToken = false
}

/// Numbers requests and matches response frames to them by correlation id, so any number of requests can be in
/// flight on one connection. Runs on the channel's event loop and owns all of its state, so it needs no lock.
final class ResponseMatchingHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = OutgoingRequest
    typealias OutboundOut = ByteBuffer

    /// Offset of the correlation id in a request frame: size (4), api key (2), api version (2).
    private static let correlationIdOffset = 8

    private struct Pending {
        var promise: EventLoopPromise<ByteBuffer>
        var timeout: Scheduled<Void>
    }

    private var nextCorrelationId: Int32 = 1
    private var pending: [Int32: Pending] = [:]
    private var pendingRawToken: Pending?
    private let describeFailure: @Sendable (String) -> KafkaClientError
    private let classifyError: @Sendable (any Error) -> KafkaClientError?

    /// `classifyError` turns the errors it knows (TLS failures, our own) into client errors; the rest become
    /// `describeFailure` of their description.
    init(
        describeFailure: @escaping @Sendable (String) -> KafkaClientError,
        classifyError: @escaping @Sendable (any Error) -> KafkaClientError? = { $0 as? KafkaClientError }
    ) {
        self.describeFailure = describeFailure
        self.classifyError = classifyError
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var request = unwrapOutboundIn(data)
        let written = context.eventLoop.makePromise(of: Void.self)
        let classify = classifyError
        let response = request.response
        written.futureResult.whenFailure { response.fail(classify($0) ?? $0) }
        written.futureResult.cascade(to: promise)
        if request.isRawToken {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            let timeout = context.eventLoop.scheduleTask(in: request.timeout) {
                loopBound.value.pendingRawToken?.promise.fail(
                    KafkaClientError.timeout("Timed out waiting for a SASL token from the broker"))
                loopBound.value.pendingRawToken = nil
            }
            pendingRawToken = Pending(promise: request.response, timeout: timeout)
            context.write(wrapOutboundOut(request.frame), promise: written)
            return
        }
        let correlationId = nextCorrelationId
        nextCorrelationId = nextCorrelationId == Int32.max ? 1 : nextCorrelationId + 1
        request.frame.setInteger(correlationId, at: request.frame.readerIndex + Self.correlationIdOffset)

        if request.expectsResponse {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            let timeout = context.eventLoop.scheduleTask(in: request.timeout) {
                loopBound.value.expire(correlationId)
            }
            pending[correlationId] = Pending(promise: request.response, timeout: timeout)
        } else {
            let response = request.response
            written.futureResult.whenSuccess { response.succeed(ByteBuffer()) }
        }
        context.write(wrapOutboundOut(request.frame), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if let raw = pendingRawToken {
            pendingRawToken = nil
            raw.timeout.cancel()
            raw.promise.succeed(frame)
            return
        }
        guard let correlationId = frame.getInteger(at: frame.readerIndex, as: Int32.self),
            let entry = pending.removeValue(forKey: correlationId)
        else { return }  // a response to a request that already timed out
        entry.timeout.cancel()
        entry.promise.succeed(frame)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(describeFailure("connection closed by the broker"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(classifyError(error) ?? describeFailure("\(error)"))
        context.close(promise: nil)
    }

    private func expire(_ correlationId: Int32) {
        guard let entry = pending.removeValue(forKey: correlationId) else { return }
        entry.promise.fail(KafkaClientError.timeout("Timed out waiting for a response from the broker"))
    }

    private func failAll(_ error: KafkaClientError) {
        var entries = Array(pending.values)
        pending.removeAll()
        if let raw = pendingRawToken { entries.append(raw) }
        pendingRawToken = nil
        for entry in entries {
            entry.timeout.cancel()
            entry.promise.fail(error)
        }
    }
}
