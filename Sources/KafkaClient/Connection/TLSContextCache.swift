import KafkaSecurity
import NIOConcurrencyHelpers
import NIOSSL

/// One NIOSSLContext per TLS settings: building one loads the trust roots (the system's from disk), which every
/// connection of a client would otherwise repeat.
final class TLSContextCache: Sendable {
    static let shared = TLSContextCache()

    private let contexts = NIOLockedValueBox<[TLSSettings: NIOSSLContext]>([:])

    func context(for settings: TLSSettings) throws -> NIOSSLContext {
        if let cached = contexts.withLockedValue({ $0[settings] }) { return cached }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: settings.makeClientConfiguration())
        } catch {
            throw KafkaClientError.invalidConfiguration("Invalid SSL configuration: \(TLSFailureReason.describe(error, host: ""))")
        }
        contexts.withLockedValue { $0[settings] = context }
        return context
    }
}
