/// SASL PLAIN (RFC 4616): one token `authzid NUL authcid NUL password` with an empty authzid, as Kafka sends it;
/// the broker answers with an empty token on success.
public struct PlainClientExchange: SaslClientExchange {
    public let mechanism = SaslMechanism.plain
    public private(set) var isComplete = false
    private let credentials: SaslCredentials

    public init(credentials: SaslCredentials) {
        self.credentials = credentials
    }

    public mutating func initialResponse() throws -> [UInt8] {
        [0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8)
    }

    public mutating func respond(to challenge: [UInt8]) throws -> [UInt8]? {
        isComplete = true
        return nil
    }
}
