import KafkaSecurity
import NIOSSL

/// The TLS side of a listener: its `NIOSSLContext`, built once at start-up from the listener's effective `ssl.*`
/// settings (stores loaded by KafkaSecurity's `TLSSettings`), so a wrong path or password stops start-up.
enum ListenerTLS {
    static func makeContext(_ security: ListenerSecurity, listener: String) throws -> NIOSSLContext {
        do {
            let settings = try TLSSettings(properties: security.sslProperties)
            return try NIOSSLContext(configuration: try settings.makeServerConfiguration(clientAuth: security.clientAuth))
        } catch {
            // TLSSettingsError names the key and never the password.
            throw BrokerStartError(description: "Cannot set up TLS for listener \(listener): \(error)")
        }
    }
}
