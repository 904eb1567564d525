/// The client side of one SASL exchange: the first token, then an answer to each server token until the
/// exchange is complete. Tokens are the bytes SaslAuthenticate carries (or raw frames after SaslHandshake v0).
public protocol SaslClientExchange: Sendable {
    var mechanism: SaslMechanism { get }
    /// True once the server's last token has been accepted; nothing more is sent.
    var isComplete: Bool { get }
    mutating func initialResponse() throws -> [UInt8]
    /// The next token to send, or nil when `challenge` ended the exchange.
    mutating func respond(to challenge: [UInt8]) throws -> [UInt8]?
}

/// Makes the exchange for a mechanism.
public func makeSaslClientExchange(mechanism: SaslMechanism, credentials: SaslCredentials) -> any SaslClientExchange {
    if let hash = mechanism.scramHash { return ScramClientExchange(hash: hash, credentials: credentials) }
    return PlainClientExchange(credentials: credentials)
}
