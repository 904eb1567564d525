/// The client side of SCRAM-SHA-256/512 (RFC 5802, RFC 7677) as Kafka's ScramSaslClient runs it: client-first,
/// server-first (our nonce must prefix the server's, iterations within Kafka's bounds), client-final with the
/// proof, and server-final, whose signature must match, or the server does not know the password.
public struct ScramClientExchange: SaslClientExchange {
    private enum State {
        case initial
        case sentClientFirst(ScramMessages.ClientFirst)
        case sentClientFinal(expectedSignature: [UInt8])
        case complete
    }

    public let hash: ScramHash
    public var mechanism: SaslMechanism { hash.mechanism }
    private let credentials: SaslCredentials
    private let nonce: String
    private var state = State.initial

    /// `nonce` is fresh for each exchange; tests may fix it.
    public init(hash: ScramHash, credentials: SaslCredentials, nonce: String = ScramMessages.makeNonce()) {
        self.hash = hash
        self.credentials = credentials
        self.nonce = nonce
    }

    public var isComplete: Bool {
        if case .complete = state { return true }
        return false
    }

    public mutating func initialResponse() throws -> [UInt8] {
        guard case .initial = state else { throw ScramError.invalidMessage("the exchange has already started") }
        let clientFirst = ScramMessages.ClientFirst(userName: credentials.username, nonce: nonce)
        state = .sentClientFirst(clientFirst)
        return Array(clientFirst.text.utf8)
    }

    public mutating func respond(to challenge: [UInt8]) throws -> [UInt8]? {
        let text = String(decoding: challenge, as: UTF8.self)
        switch state {
        case .sentClientFirst(let clientFirst):
            return try clientFinal(answering: ScramMessages.ServerFirst(parsing: text), clientFirst: clientFirst)
        case .sentClientFinal(let expectedSignature):
            switch try ScramMessages.ServerFinal(parsing: text) {
            case .error(let reason):
                throw ScramError.serverError(reason)
            case .verifier(let signature):
                guard constantTimeEqual(signature, expectedSignature) else { throw ScramError.invalidServerSignature }
                state = .complete
                return nil
            }
        case .initial, .complete:
            throw ScramError.invalidMessage("unexpected SCRAM message from the server")
        }
    }

    private mutating func clientFinal(
        answering serverFirst: ScramMessages.ServerFirst, clientFirst: ScramMessages.ClientFirst
    ) throws -> [UInt8] {
        guard serverFirst.nonce.hasPrefix(clientFirst.nonce), serverFirst.nonce.count > clientFirst.nonce.count else {
            throw ScramError.invalidMessage("invalid server nonce: it does not start with the client nonce")
        }
        guard serverFirst.iterations >= ScramHash.minimumIterations else {
            throw ScramError.invalidMessage(
                "requested iterations \(serverFirst.iterations) is less than the minimum "
                    + "\(ScramHash.minimumIterations) for \(mechanism.rawValue)")
        }
        guard serverFirst.iterations <= ScramHash.maximumIterations else {
            throw ScramError.invalidMessage(
                "requested iterations \(serverFirst.iterations) is more than the maximum "
                    + "\(ScramHash.maximumIterations) for \(mechanism.rawValue)")
        }
        let salted = try hash.saltedPassword(
            credentials.password, salt: serverFirst.salt, iterations: serverFirst.iterations)
        var clientFinal = ScramMessages.ClientFinal(nonce: serverFirst.nonce, proof: [])
        let authMessage = ScramMessages.authMessage(
            clientFirst: clientFirst, serverFirst: serverFirst, clientFinal: clientFinal)
        let clientKey = hash.clientKey(saltedPassword: salted)
        let clientSignature = hash.hmac(key: hash.hash(clientKey), authMessage)
        clientFinal.proof = xorBytes(clientKey, clientSignature)
        let serverSignature = hash.hmac(key: hash.serverKey(saltedPassword: salted), authMessage)
        state = .sentClientFinal(expectedSignature: serverSignature)
        return Array(clientFinal.text.utf8)
    }
}
