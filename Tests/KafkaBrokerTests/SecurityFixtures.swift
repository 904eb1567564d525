import KafkaProtocol
import KafkaSecurity
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

/// A broker with a PLAINTEXT and a SASL_PLAINTEXT listener (PLAIN users alice and admin; SCRAM enabled too).
struct SecureTestBroker {
    let server: BrokerServer
    let topicManager: TopicManager
    let plaintextPort: Int
    let saslPort: Int

    static let jaas = """
        org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" \
        password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";
        """

    static func config(extra: [String: String] = [:]) throws -> BrokerConfig {
        var values = [
            "listeners": "PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs",
            "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
            "listener.name.sasl_plaintext.plain.sasl.jaas.config": jaas,
        ]
        values.merge(extra) { _, new in new }
        return try BrokerConfig(values: values)
    }

    static func with<T>(
        extra: [String: String] = [:], fileSystem: any StorageFileSystem = InMemoryFileSystem(),
        registry: HandlerRegistry = .standard, _ body: (SecureTestBroker) async throws -> T
    ) async throws -> T {
        let config = try config(extra: extra)
        let topicManager = try await TopicManager.open(config: config, fileSystem: fileSystem, clusterId: "test-cluster-id")
        let server = BrokerServer(config: config, topicManager: topicManager, registry: registry, threads: 1)
        let stop = {
            await server.shutdown()
            try await topicManager.shutdown()
        }
        do {
            let bound = try await server.start()
            let plaintext = try #require(bound.first { $0.name == "PLAINTEXT" }?.port)
            let sasl = try #require(bound.first { $0.name == "SASL_PLAINTEXT" }?.port)
            let result = try await body(
                SecureTestBroker(server: server, topicManager: topicManager, plaintextPort: plaintext, saslPort: sasl))
            try await stop()
            return result
        } catch {
            try? await stop()
            throw error
        }
    }
}

/// Echoes the connection's principal in DescribeCluster's cluster id, so tests can see who the broker thinks
/// the client is.
struct PrincipalEchoHandler: RequestHandler {
    typealias Request = DescribeClusterRequest
    static let versions: ClosedRange<Int16> = 0...2

    func handle(header: RequestHeader, request: DescribeClusterRequest, context: RequestContext) async
        -> DescribeClusterResponse
    {
        var response = DescribeClusterResponse()
        response.clusterId = context.principal.description
        return response
    }
}

extension HandlerRegistry {
    /// The standard handlers with DescribeCluster replaced by `PrincipalEchoHandler`.
    static var principalEcho: HandlerRegistry {
        HandlerRegistry(
            HandlerRegistry.standard.entries.values.filter { $0.apiKey != .describeCluster } + [.init(PrincipalEchoHandler())])
    }
}

/// The client side of SCRAM over SaslAuthenticate, for driving the broker in tests.
struct ScramTestClient {
    let hash: ScramHash
    let user: String
    let password: String

    /// Handshake + the two SaslAuthenticate round trips; returns the last response (error or server-final).
    func authenticate(on connection: TestConnection, version: Int16 = 2) async throws -> SaslAuthenticateResponse {
        let (_, handshake) = try await connection.roundTrip(SaslHandshakeRequest(mechanism: hash.mechanism.rawValue), version: 1)
        #expect(handshake.errorCode == 0)
        let clientFirst = ScramMessages.ClientFirst(userName: user, nonce: ScramMessages.makeNonce())
        let (_, first) = try await connection.roundTrip(
            SaslAuthenticateRequest(authBytes: ByteBuffer(string: clientFirst.text)), version: version)
        guard first.errorCode == 0 else { return first }
        let serverFirst = try ScramMessages.ServerFirst(parsing: String(buffer: first.authBytes))
        let salted = try hash.saltedPassword(password, salt: serverFirst.salt, iterations: serverFirst.iterations)
        var final = ScramMessages.ClientFinal(nonce: serverFirst.nonce, proof: [])
        let authMessage = ScramMessages.authMessage(clientFirst: clientFirst, serverFirst: serverFirst, clientFinal: final)
        let clientKey = hash.clientKey(saltedPassword: salted)
        final.proof = xorBytes(clientKey, hash.hmac(key: hash.hash(clientKey), authMessage))
        let (_, last) = try await connection.roundTrip(
            SaslAuthenticateRequest(authBytes: ByteBuffer(string: final.text)), version: version)
        if last.errorCode == 0 {
            let expected = hash.hmac(key: hash.serverKey(saltedPassword: salted), authMessage)
            #expect(try ScramMessages.ServerFinal(parsing: String(buffer: last.authBytes)) == .verifier(expected))
        }
        return last
    }

    /// The AlterUserScramCredentials upsertion a client sends for this user (salted here, as clients do).
    func upsertion(iterations: Int32 = 4096) throws -> AlterUserScramCredentialsRequest.ScramCredentialUpsertion {
        let salt = secureRandomBytes(32)
        let salted = try hash.saltedPassword(password, salt: salt, iterations: Int(iterations))
        return .init(
            name: user, mechanism: hash == .sha256 ? 1 : 2, iterations: iterations, salt: ByteBuffer(bytes: salt),
            saltedPassword: ByteBuffer(bytes: salted))
    }
}

/// `\0user\0password`, the SASL/PLAIN token.
func plainToken(_ user: String, _ password: String, authorizationId: String = "") -> ByteBuffer {
    ByteBuffer(bytes: Array(authorizationId.utf8) + [0] + Array(user.utf8) + [0] + Array(password.utf8))
}
