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
    private let describeFailure: @Sendable (String) -> KafkaClientError

    init(describeFailure: @escaping @Sendable (String) -> KafkaClientError) {
        self.describeFailure = describeFailure
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var request = unwrapOutboundIn(data)
        let correlationId = nextCorrelationId
        nextCorrelationId = nextCorrelationId == Int32.max ? 1 : nextCorrelationId + 1
        request.frame.setInteger(correlationId, at: request.frame.readerIndex + Self.correlationIdOffset)

        let written = context.eventLoop.makePromise(of: Void.self)
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
        let response = request.response
        written.futureResult.whenFailure { response.fail($0) }
        written.futureResult.cascade(to: promise)
        context.write(wrapOutboundOut(request.frame), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
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
        failAll(describeFailure("\(error)"))
        context.close(promise: nil)
    }

    private func expire(_ correlationId: Int32) {
        guard let entry = pending.removeValue(forKey: correlationId) else { return }
        entry.promise.fail(KafkaClientError.timeout("Timed out waiting for a response from the broker"))
    }

    private func failAll(_ error: KafkaClientError) {
        let entries = pending.values
        pending.removeAll()
        for entry in entries {
            entry.timeout.cancel()
            entry.promise.fail(error)
        }
    }
}
