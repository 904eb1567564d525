import KafkaProtocol
import KafkaSecurity
import NIOCore

/// Kafka's `SaslServerAuthenticator` for one connection on a SASL listener: until authentication completes only
/// ApiVersions (once, first), SaslHandshake v0–v1 and then SaslAuthenticate v0–v2 (or, after a v0 handshake, raw
/// size-prefixed SASL tokens) are accepted; anything else closes the connection. Runs on the connection's event
/// loop: PLAIN and SCRAM need no slow work on the server (the client does the PBKDF2).
struct SaslServerAuthenticator {
    /// What a listener's connections authenticate against.
    struct Configuration: Sendable {
        var mechanisms: [SaslMechanism]
        /// PLAIN users and passwords from the listener's JAAS config.
        var plainUsers: [String: String]
        var scramCredentials: ScramCredentialStore
    }

    enum State: Equatable {
        case handshakeOrVersions, handshake, authenticate, complete, failed
    }

    enum Step {
        /// Hand the frame to the normal request path (ApiVersions before the handshake).
        case dispatch
        case respond(ByteBuffer)
        /// Answer, then close (failed authentication, unsupported mechanism).
        case respondAndClose(ByteBuffer, reason: String)
        case close(reason: String)
        /// Authentication completed: answer (if there is an answer) and serve as `principal` from now on.
        case authenticated(ByteBuffer?, principal: KafkaPrincipal)
    }

    private let configuration: Configuration
    private let allocator: ByteBufferAllocator
    private(set) var state = State.handshakeOrVersions
    /// After a v0 handshake the tokens come without Kafka headers.
    private var rawTokens = false
    private var exchange: Exchange?

    private enum Exchange {
        case plain
        case scram(ScramServerExchange)
    }

    init(configuration: Configuration, allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        self.configuration = configuration
        self.allocator = allocator
    }

    var isComplete: Bool { state == .complete }

    mutating func receive(_ frame: ByteBuffer) -> Step {
        let allocator = self.allocator
        switch state {
        case .authenticate where rawTokens:
            return evaluate(Array(frame.readableBytesView), reply: { token in
                var buffer = allocator.buffer(capacity: token.count + 4)
                buffer.writeInteger(Int32(token.count))
                buffer.writeBytes(token)
                return buffer
            }, failure: { _ in nil })
        case .handshakeOrVersions, .handshake, .authenticate:
            return receiveKafkaRequest(frame)
        case .complete, .failed:
            return .close(reason: "SASL authenticator in state \(state) received a frame")
        }
    }

    private mutating func receiveKafkaRequest(_ frame: ByteBuffer) -> Step {
        guard let (rawKey, version) = try? KafkaFrames.peekRequestKey(frame), let apiKey = ApiKey(rawValue: rawKey) else {
            return fail(close: "Invalid SASL request: not a Kafka request header")
        }
        let phase = state == .authenticate ? "authentication" : "handshake"
        switch (apiKey, state) {
        case (.apiVersions, .handshakeOrVersions):
            if ApiVersionsRequest.versions.contains(version) { state = .handshake }
            return .dispatch
        case (.saslHandshake, .handshakeOrVersions), (.saslHandshake, .handshake):
            return handshake(frame, version: version)
        case (.saslAuthenticate, .authenticate):
            return authenticate(frame, version: version)
        default:
            return fail(close: "Unexpected Kafka request of type \(Self.kafkaName(apiKey)) during SASL \(phase).")
        }
    }

    private mutating func handshake(_ frame: ByteBuffer, version: Int16) -> Step {
        guard SaslHandshakeRequest.versions.contains(version),
            let decoded = try? KafkaFrames.decodeRequest(frame), let request = decoded.body as? SaslHandshakeRequest
        else { return fail(close: "Invalid SaslHandshake request (v\(version))") }
        let enabled = configuration.mechanisms.map(\.rawValue)
        var response = SaslHandshakeResponse(errorCode: ErrorCode.noError.rawValue, mechanisms: enabled)
        guard let mechanism = SaslMechanism(name: request.mechanism), configuration.mechanisms.contains(mechanism) else {
            response.errorCode = ErrorCode.unsupportedSaslMechanism.rawValue
            state = .failed
            return encode(response, version: version, correlationId: decoded.header.correlationId).map {
                .respondAndClose($0, reason: "Unsupported SASL mechanism \(request.mechanism)")
            } ?? .close(reason: "cannot encode the SaslHandshake response")
        }
        switch mechanism.scramHash {
        case nil: exchange = .plain
        case let hash?:
            let store = configuration.scramCredentials
            exchange = .scram(ScramServerExchange(hash: hash, fakeSaltKey: store.fakeSaltKey) { user in
                store.credential(user: user, hash: hash)
            })
        }
        rawTokens = version == 0
        state = .authenticate
        return encode(response, version: version, correlationId: decoded.header.correlationId).map { .respond($0) }
            ?? .close(reason: "cannot encode the SaslHandshake response")
    }

    private mutating func authenticate(_ frame: ByteBuffer, version: Int16) -> Step {
        guard SaslAuthenticateRequest.versions.contains(version),
            let decoded = try? KafkaFrames.decodeRequest(frame), let request = decoded.body as? SaslAuthenticateRequest
        else { return fail(close: "Invalid SaslAuthenticate request (v\(version))") }
        let correlationId = decoded.header.correlationId
        let allocator = self.allocator
        return evaluate(Array(request.authBytes.readableBytesView), reply: { token in
            Self.encode(
                SaslAuthenticateResponse(errorCode: 0, errorMessage: nil, authBytes: ByteBuffer(bytes: token)),
                version: version, correlationId: correlationId, allocator: allocator)
        }, failure: { message in
            Self.encode(
                SaslAuthenticateResponse(errorCode: ErrorCode.saslAuthenticationFailed.rawValue, errorMessage: message),
                version: version, correlationId: correlationId, allocator: allocator)
        })
    }

    /// Runs the mechanism on one client token; `reply` frames the server's token, `failure` the error answer
    /// (nil: close without one, as after a v0 handshake).
    private mutating func evaluate(
        _ token: [UInt8], reply: ([UInt8]) -> ByteBuffer?, failure: (String) -> ByteBuffer?
    ) -> Step {
        switch exchange {
        case .plain:
            let users = configuration.plainUsers
            do {
                let user = try PlainServerExchange.authenticate(token) { user, password in
                    PlainServerExchange.verify(user: user, password: password, against: users)
                }
                return complete(reply([]), user: user)
            } catch {
                return failed(error.description, answer: failure(error.description))
            }
        case .scram(var scram):
            do {
                let answer = try scram.receive(token)
                exchange = .scram(scram)
                guard scram.isComplete, let user = scram.userName else {
                    return reply(answer).map { .respond($0) } ?? .close(reason: "cannot encode the SASL answer")
                }
                return complete(reply(answer), user: user)
            } catch {
                // Kafka never tells the client why (that would reveal whether the user exists).
                let message = "Authentication failed during authentication due to invalid credentials with SASL mechanism \(scram.hash.mechanism.rawValue)"
                return failed(message, answer: failure(message))
            }
        case nil:
            return fail(close: "SASL token before a handshake")
        }
    }

    private mutating func complete(_ answer: ByteBuffer?, user: String) -> Step {
        state = .complete
        exchange = nil
        return .authenticated(answer, principal: KafkaPrincipal(name: user))
    }

    private mutating func failed(_ message: String, answer: ByteBuffer?) -> Step {
        state = .failed
        exchange = nil
        return answer.map { .respondAndClose($0, reason: message) } ?? .close(reason: message)
    }

    private mutating func fail(close reason: String) -> Step {
        state = .failed
        exchange = nil
        return .close(reason: reason)
    }

    private func encode(_ response: some KafkaResponse, version: Int16, correlationId: Int32) -> ByteBuffer? {
        Self.encode(response, version: version, correlationId: correlationId, allocator: allocator)
    }

    private static func encode(
        _ response: some KafkaResponse, version: Int16, correlationId: Int32, allocator: ByteBufferAllocator
    ) -> ByteBuffer? {
        var buffer = allocator.buffer(capacity: 64)
        do {
            try KafkaFrames.encodeResponse(response, version: version, correlationId: correlationId, into: &buffer)
        } catch {
            return nil
        }
        return buffer
    }

    /// Kafka's `ApiKeys` constant name (`METADATA`, `SASL_HANDSHAKE`), as its messages print it.
    static func kafkaName(_ apiKey: ApiKey) -> String {
        var name = ""
        for character in apiKey.name {
            if character.isUppercase, !name.isEmpty { name.append("_") }
            name.append(contentsOf: character.uppercased())
        }
        return name
    }
}
