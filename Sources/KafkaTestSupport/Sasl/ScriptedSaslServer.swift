import KafkaSecurity

/// The server side of PLAIN and SCRAM for tests, built on KafkaSecurity's messages: it checks a client's tokens
/// against known users the way a broker would, so client exchanges can be tested without the broker.
public struct ScriptedSaslServer: Sendable {
    public enum Step: Sendable, Equatable {
        /// Send this token and wait for the next one.
        case challenge([UInt8])
        /// Authenticated; send this final token (empty for PLAIN).
        case success([UInt8])
        /// Refused, with the message Kafka's broker would put in SaslAuthenticate's error message.
        case failure(String)
    }

    public let mechanism: SaslMechanism
    private let users: [String: String]
    private let iterations: Int
    private var pending: (clientFirst: ScramMessages.ClientFirst, serverFirst: ScramMessages.ServerFirst,
        credential: ScramCredential)?

    /// `users` maps names to passwords; SCRAM credentials are derived with a fresh salt.
    public init(mechanism: SaslMechanism, users: [String: String], iterations: Int = ScramHash.minimumIterations) {
        self.mechanism = mechanism
        self.users = users
        self.iterations = iterations
    }

    public mutating func receive(_ token: [UInt8]) -> Step {
        do {
            if mechanism == .plain { return plain(token) }
            return try scram(String(decoding: token, as: UTF8.self))
        } catch {
            return .failure("Authentication failed during authentication due to invalid credentials with SASL mechanism \(mechanism.rawValue)")
        }
    }

    private func plain(_ token: [UInt8]) -> Step {
        let parts = token.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count == 3, let expected = users[parts[1]], expected == parts[2] else {
            return .failure("Authentication failed: Invalid username or password")
        }
        return .success([])
    }

    private mutating func scram(_ text: String) throws -> Step {
        guard let hash = mechanism.scramHash else { return .failure("not a SCRAM mechanism") }
        guard let pending else {
            let clientFirst = try ScramMessages.ClientFirst(parsing: text)
            let password = users[clientFirst.userName] ?? "unknown-\(ScramMessages.makeNonce())"
            let credential = try ScramCredential(
                hash: hash, password: password, salt: secureRandomBytes(16), iterations: iterations)
            let serverFirst = ScramMessages.ServerFirst(
                nonce: clientFirst.nonce + ScramMessages.makeNonce(), salt: credential.salt, iterations: iterations)
            self.pending = (clientFirst, serverFirst, credential)
            return .challenge(Array(serverFirst.text.utf8))
        }
        let clientFinal = try ScramMessages.ClientFinal(parsing: text)
        guard clientFinal.nonce == pending.serverFirst.nonce else { return .failure("Invalid client nonce") }
        let authMessage = ScramMessages.authMessage(
            clientFirst: pending.clientFirst, serverFirst: pending.serverFirst, clientFinal: clientFinal)
        let signature = hash.hmac(key: pending.credential.storedKey, authMessage)
        let clientKey = xorBytes(clientFinal.proof, signature)
        guard users[pending.clientFirst.userName] != nil,
            constantTimeEqual(hash.hash(clientKey), pending.credential.storedKey)
        else {
            return .failure("Authentication failed during authentication due to invalid credentials with SASL mechanism \(mechanism.rawValue)")
        }
        let serverSignature = hash.hmac(key: pending.credential.serverKey, authMessage)
        return .success(Array(ScramMessages.ServerFinal.verifier(serverSignature).text.utf8))
    }
}
