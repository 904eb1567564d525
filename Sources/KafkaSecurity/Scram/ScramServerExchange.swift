import Foundation

/// The server side of one SCRAM-SHA-256/512 exchange (RFC 5802/7677) as Kafka's `ScramSaslServer` runs it:
/// client-first → server-first, client-final → server-final. Every failure is a `ScramServerExchange.Failure`
/// whose reason is for debug logs only; the client is told one generic message whatever went wrong.
public struct ScramServerExchange: Sendable {
    public enum State: Sendable, Hashable {
        case awaitingClientFirst, awaitingClientFinal, complete, failed
    }

    /// Why the exchange failed. Never holds a password or proof; does say whether the user exists, so it must
    /// not reach the client.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public let hash: ScramHash
    public private(set) var state = State.awaitingClientFirst
    /// The user named in client-first (authenticated only once `state == .complete`).
    public private(set) var userName: String?

    private let lookup: @Sendable (String) -> ScramCredential?
    private let fakeSaltKey: [UInt8]
    private var credential: ScramCredential?
    private var userExists = false
    private var clientFirst: ScramMessages.ClientFirst?
    private var serverFirst: ScramMessages.ServerFirst?

    /// `lookup` finds the stored credential of a user for this mechanism. `fakeSaltKey` is a per-broker secret:
    /// unknown users get a salt derived from it, stable across attempts, so a client cannot tell from the
    /// server-first message whether a user exists (RFC 5802 §9).
    public init(
        hash: ScramHash, fakeSaltKey: [UInt8], lookup: @escaping @Sendable (String) -> ScramCredential?
    ) {
        self.hash = hash
        self.fakeSaltKey = fakeSaltKey
        self.lookup = lookup
    }

    public var isComplete: Bool { state == .complete }

    /// Consumes the client's next message and returns the server's answer.
    public mutating func receive(_ message: [UInt8]) throws(Failure) -> [UInt8] {
        do throws(Failure) {
            switch state {
            case .awaitingClientFirst: return try receiveClientFirst(message)
            case .awaitingClientFinal: return try receiveClientFinal(message)
            case .complete, .failed: throw Failure("unexpected SCRAM message in state \(state)")
            }
        } catch {
            state = .failed
            credential = nil
            throw error
        }
    }

    private mutating func receiveClientFirst(_ message: [UInt8]) throws(Failure) -> [UInt8] {
        let first: ScramMessages.ClientFirst
        do {
            first = try ScramMessages.ClientFirst(parsing: String(decoding: message, as: UTF8.self))
        } catch {
            throw Failure("\(error)")
        }
        if first.extensions.contains(where: { $0.key == "tokenauth" && $0.value.lowercased() == "true" }) {
            throw Failure("delegation tokens are not supported")
        }
        userName = first.userName
        let stored = lookup(first.userName)
        userExists = stored != nil
        let credential = stored ?? fakeCredential(for: first.userName)
        guard credential.iterations >= ScramHash.minimumIterations else {
            throw Failure("Iterations \(credential.iterations) is less than the minimum \(ScramHash.minimumIterations) for \(hash.mechanism.rawValue)")
        }
        let serverFirst = ScramMessages.ServerFirst(
            nonce: first.nonce + ScramMessages.makeNonce(), salt: credential.salt, iterations: credential.iterations)
        self.credential = credential
        self.clientFirst = first
        self.serverFirst = serverFirst
        state = .awaitingClientFinal
        return Array(serverFirst.text.utf8)
    }

    private mutating func receiveClientFinal(_ message: [UInt8]) throws(Failure) -> [UInt8] {
        guard let credential, let clientFirst, let serverFirst else { throw Failure("no client-first message") }
        let final: ScramMessages.ClientFinal
        do {
            final = try ScramMessages.ClientFinal(parsing: String(decoding: message, as: UTF8.self))
        } catch {
            throw Failure("\(error)")
        }
        guard final.nonce == serverFirst.nonce else { throw Failure("Invalid client nonce in the final client message.") }
        // No channel binding: the client must echo the gs2 header it sent ("n,," or "y,,").
        let gs2Headers = ["n,,", "y,,"].map { Data($0.utf8).base64EncodedString() }
        guard gs2Headers.contains(final.channelBinding) else { throw Failure("Invalid channel binding attribute") }
        let authMessage = ScramMessages.authMessage(clientFirst: clientFirst, serverFirst: serverFirst, clientFinal: final)
        // ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); it must hash to StoredKey.
        let clientSignature = hash.hmac(key: credential.storedKey, authMessage)
        guard final.proof.count == clientSignature.count else { throw Failure("Invalid client credentials") }
        let clientKey = xorBytes(final.proof, clientSignature)
        let proofMatches = constantTimeEqual(hash.hash(clientKey), credential.storedKey)
        guard proofMatches, userExists else {
            throw Failure(userExists ? "Invalid client credentials" : "Invalid user credentials")
        }
        let serverSignature = hash.hmac(key: credential.serverKey, authMessage)
        self.credential = nil
        state = .complete
        return Array(ScramMessages.ServerFinal.verifier(serverSignature).text.utf8)
    }

    /// A credential no password matches (random keys), with a salt that depends only on the user and the broker
    /// secret, and the default iteration count.
    private func fakeCredential(for user: String) -> ScramCredential {
        let salt = hash.hmac(key: fakeSaltKey, Array("fake-salt:\(user)".utf8))
        return ScramCredential(
            hash: hash, salt: Array(salt.prefix(32)), storedKey: secureRandomBytes(hash.outputByteCount),
            serverKey: secureRandomBytes(hash.outputByteCount), iterations: ScramHash.minimumIterations)
    }
}
