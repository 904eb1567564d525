import NIOConcurrencyHelpers
import NIOCore

/// The open client connections, so that shutdown can ask each to drain and wait until all have closed.
final class ConnectionTracker: Sendable {
    private let channels = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLockedValue { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLockedValue { $0.removeValue(forKey: id) }
        }
    }

    var all: [any Channel] { channels.withLockedValue { Array($0.values) } }
}
