import KafkaSecurity
import NIOSSL

/// The TLS side of a listener: its `NIOSSLContext`, built once at start-up from the listener's `ssl.*` settings.
enum ListenerTLS {
    static func makeContext(_ security: ListenerSecurity, listener: String) throws -> NIOSSLContext {
        throw BrokerStartError(description: "TLS listener \(listener): TLS material not available yet")
    }
}
