import KafkaSecurity
import NIOCore
import NIOTLS

/// Sits behind NIOSSLClientHandler until the handshake ends, and completes `promise` with its outcome as a
/// readable, non-retriable error: a certificate the truststore does not trust, a host name mismatch, or a
/// broker that is not speaking TLS. Removes itself once the handshake is done.
final class TLSHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<Void>
    private let address: BrokerAddress

    init(promise: EventLoopPromise<Void>, address: BrokerAddress) {
        self.promise = promise
        self.address = address
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            promise.succeed(())
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(Self.failure(error, address: address))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(
            KafkaClientError.securityFailure(
                "SSL handshake failed with \(address): the broker closed the connection during the TLS handshake; "
                    + "is it a PLAINTEXT listener? check security.protocol"))
        context.fireChannelInactive()
    }

    static func failure(_ error: any Error, address: BrokerAddress) -> KafkaClientError {
        if let error = error as? KafkaClientError { return error }
        return .securityFailure(
            "SSL handshake failed with \(address): \(TLSFailureReason.describe(error, host: address.host))")
    }
}

/// On a connection without TLS, notices a broker that answers with a TLS record (an alert for the plaintext it
/// got) and fails at once with the fix, instead of a frame-size error or a wait for `request.timeout.ms`.
final class TLSReplySniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let address: BrokerAddress

    init(address: BrokerAddress) {
        self.address = address
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        // A Kafka size prefix this large (≥ 0x14000000) is over any frame limit, so the bytes are a TLS record:
        // content type 20–23, then major version 3.
        if let head = bytes.getBytes(at: bytes.readerIndex, length: min(2, bytes.readableBytes)), head.count == 2,
            (20...23).contains(head[0]), head[1] == 3
        {
            context.fireErrorCaught(
                KafkaClientError.securityFailure(
                    "Connection to \(address) failed: the broker answered with TLS; it is an SSL listener, so set "
                        + "security.protocol=SSL (or SASL_SSL)"))
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(self, promise: nil)
    }
}
