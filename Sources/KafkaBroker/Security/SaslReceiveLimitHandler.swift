import Logging
import NIOCore

/// Kafka's `sasl.server.max.receive.size` (default 524288): until a SASL connection has authenticated, no frame
/// may announce a larger size, so an unauthenticated client cannot make the broker buffer
/// `socket.request.max.bytes`. Sits before the frame decoder and only watches the size prefixes (bytes pass through
/// unchanged), so the connection handler can remove it at any moment once authentication succeeds.
final class SaslReceiveLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let name = "sasl-receive-limit"

    private let limit: Int
    private let logger: Logger
    /// The bytes of a size prefix split across reads.
    private var prefix: [UInt8] = []
    /// Body bytes of the current frame still to pass.
    private var remaining = 0
    private var closed = false

    init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closed else { return }
        var bytes = unwrapInboundIn(data).readableBytesView[...]
        while !bytes.isEmpty {
            if remaining > 0 {
                let skipped = min(remaining, bytes.count)
                remaining -= skipped
                bytes = bytes.dropFirst(skipped)
                continue
            }
            let needed = 4 - prefix.count
            prefix.append(contentsOf: bytes.prefix(needed))
            bytes = bytes.dropFirst(needed)
            guard prefix.count == 4 else { break }
            let size = prefix.reduce(0) { $0 << 8 | Int($1) }
            prefix.removeAll()
            guard size <= limit else {
                closed = true
                let address = context.channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "unknown"
                logger.warning(
                    "Unexpected error from /\(address); closing connection: Invalid receive (size = \(size) larger than \(limit)) before SASL authentication")
                context.close(promise: nil)
                return
            }
            remaining = size
        }
        context.fireChannelRead(data)
    }
}
