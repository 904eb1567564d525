import KafkaProtocol
import KafkaSecurity
import NIOCore
import Testing
@testable import KafkaBroker

/// The SASL state machine on a SASL_PLAINTEXT listener, driven with raw frames.
@Suite struct SaslAuthenticationTests {
    @Test func plainWithTheRightPasswordAuthenticatesAndServes() async throws {
        try await SecureTestBroker.with(registry: .principalEcho) { broker in
            let connection = try await TestConnection(port: broker.saslPort)
            let (_, versions) = try await connection.roundTrip(
                ApiVersionsRequest(clientSoftwareName: "test", clientSoftwareVersion: "1.0"), version: 3)
            #expect(versions.errorCode == 0)
            #expect(versions.apiKeys.contains { $0.apiKey == ApiKey.saslAuthenticate.rawValue && $0.maxVersion == 2 })
            let (_, handshake) = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            #expect(handshake.errorCode == 0)
            #expect(handshake.mechanisms == ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
            let (_, auth) = try await connection.roundTrip(
                SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 2)
            #expect(auth.errorCode == 0)
            #expect(auth.sessionLifetimeMs == 0)
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:alice")
        }
    }

    @Test func plainWithAWrongPasswordFailsWithKafkasMessageAndCloses() async throws {
        try await SecureTestBroker.with { broker in
            for (user, password) in [("alice", "wrong"), ("nobody", "alice-secret")] {
                let connection = try await TestConnection(port: broker.saslPort)
                _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
                let (_, auth) = try await connection.roundTrip(
                    SaslAuthenticateRequest(authBytes: plainToken(user, password)), version: 1)
                #expect(auth.errorCode == ErrorCode.saslAuthenticationFailed.rawValue)
                #expect(auth.errorMessage == "Authentication failed: Invalid username or password")
                #expect(await connection.nextFrame() == nil)
            }
        }
    }

    @Test func anUnsupportedMechanismGetsTheEnabledListAndACLose() async throws {
        try await SecureTestBroker.with(extra: ["sasl.enabled.mechanisms": "SCRAM-SHA-512"]) { broker in
            let connection = try await TestConnection(port: broker.saslPort)
            let (_, handshake) = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            #expect(handshake.errorCode == ErrorCode.unsupportedSaslMechanism.rawValue)
            #expect(handshake.mechanisms == ["SCRAM-SHA-512"])
            #expect(await connection.nextFrame() == nil)
        }
    }

    @Test func otherRequestsBeforeAuthenticationCloseTheConnection() async throws {
        try await SecureTestBroker.with { broker in
            let early = try await TestConnection(port: broker.saslPort)
            try await early.send(MetadataRequest(topics: nil), version: 1, correlationId: 1)
            #expect(await early.nextFrame() == nil)

            // Between handshake and authentication too.
            let midway = try await TestConnection(port: broker.saslPort)
            _ = try await midway.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            try await midway.send(MetadataRequest(topics: nil), version: 1, correlationId: 2)
            #expect(await midway.nextFrame() == nil)

            // SaslAuthenticate without a handshake, and a second ApiVersions.
            let noHandshake = try await TestConnection(port: broker.saslPort)
            try await noHandshake.send(SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 1, correlationId: 3)
            #expect(await noHandshake.nextFrame() == nil)
            let twice = try await TestConnection(port: broker.saslPort)
            _ = try await twice.roundTrip(ApiVersionsRequest(), version: 3)
            try await twice.send(ApiVersionsRequest(), version: 3, correlationId: 4)
            #expect(await twice.nextFrame() == nil)

            // The listener keeps serving others.
            let good = try await TestConnection(port: broker.saslPort)
            _ = try await good.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            let (_, auth) = try await good.roundTrip(
                SaslAuthenticateRequest(authBytes: plainToken("admin", "admin-secret")), version: 0)
            #expect(auth.errorCode == 0)
        }
    }

    @Test func saslRequestsAfterAuthenticationAreAnIllegalState() async throws {
        try await SecureTestBroker.with { broker in
            let connection = try await TestConnection(port: broker.saslPort)
            _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            _ = try await connection.roundTrip(SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 2)
            let (_, handshake) = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            #expect(handshake.errorCode == ErrorCode.illegalSaslState.rawValue)
            let (_, auth) = try await connection.roundTrip(
                SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 2)
            #expect(auth.errorCode == ErrorCode.illegalSaslState.rawValue)
            #expect(auth.errorMessage == "SaslAuthenticate request received after successful authentication")
            // Also on a PLAINTEXT listener.
            let plain = try await TestConnection(port: broker.plaintextPort)
            let (_, other) = try await plain.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            #expect(other.errorCode == ErrorCode.illegalSaslState.rawValue)
        }
    }

    @Test func aVersion0HandshakeIsFollowedByRawTokens() async throws {
        try await SecureTestBroker.with(registry: .principalEcho) { broker in
            let connection = try await TestConnection(port: broker.saslPort)
            let (_, handshake) = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 0)
            #expect(handshake.errorCode == 0)
            let token = plainToken("admin", "admin-secret")
            try await connection.send(raw: [0, 0, 0, UInt8(token.readableBytes)] + Array(token.readableBytesView))
            let reply = try #require(await connection.nextFrame())
            #expect(reply.readableBytes == 0)
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:admin")

            // A wrong raw token: no answer, the connection closes.
            let wrong = try await TestConnection(port: broker.saslPort)
            _ = try await wrong.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 0)
            let bad = plainToken("admin", "nope")
            try await wrong.send(raw: [0, 0, 0, UInt8(bad.readableBytes)] + Array(bad.readableBytesView))
            #expect(await wrong.nextFrame() == nil)
        }
    }

    @Test func scramAfterAVersion0HandshakeUsesRawTokens() async throws {
        try await SecureTestBroker.with(registry: .principalEcho) { broker in
            let hash = ScramHash.sha512
            let bob = ScramTestClient(hash: hash, user: "bob", password: "raw-secret")
            let admin = try await TestConnection(port: broker.plaintextPort)
            _ = try await admin.roundTrip(AlterUserScramCredentialsRequest(deletions: [], upsertions: [try bob.upsertion()]), version: 0)

            let connection = try await TestConnection(port: broker.saslPort)
            _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: hash.mechanism.rawValue), version: 0)
            func exchange(_ text: String) async throws -> String {
                let bytes = Array(text.utf8)
                let size = UInt32(bytes.count)
                try await connection.send(raw: [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + bytes)
                return String(buffer: try #require(await connection.nextFrame()))
            }
            let clientFirst = ScramMessages.ClientFirst(userName: "bob", nonce: ScramMessages.makeNonce())
            let serverFirst = try ScramMessages.ServerFirst(parsing: try await exchange(clientFirst.text))
            let salted = try hash.saltedPassword("raw-secret", salt: serverFirst.salt, iterations: serverFirst.iterations)
            var final = ScramMessages.ClientFinal(nonce: serverFirst.nonce, proof: [])
            let authMessage = ScramMessages.authMessage(clientFirst: clientFirst, serverFirst: serverFirst, clientFinal: final)
            let clientKey = hash.clientKey(saltedPassword: salted)
            final.proof = xorBytes(clientKey, hash.hmac(key: hash.hash(clientKey), authMessage))
            let serverFinal = try ScramMessages.ServerFinal(parsing: try await exchange(final.text))
            #expect(serverFinal == .verifier(hash.hmac(key: hash.serverKey(saltedPassword: salted), authMessage)))
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:bob")
        }
    }

    @Test func framesBeforeAuthenticationAreLimitedToSaslServerMaxReceiveSize() async throws {
        try await SecureTestBroker.with(extra: ["sasl.server.max.receive.size": "1000"]) { broker in
            // A 600 kB size prefix before authentication: closed without reading the body.
            let early = try await TestConnection(port: broker.saslPort)
            try await early.send(raw: [0x00, 0x09, 0x27, 0xC0, 0, 18])
            #expect(await early.nextFrame() == nil)

            // After authentication the limit is socket.request.max.bytes again: a 2 kB Metadata request is served.
            let connection = try await TestConnection(port: broker.saslPort)
            _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            _ = try await connection.roundTrip(SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 2)
            let names = (0..<20).map { "topic-\($0)-" + String(repeating: "x", count: 100) }
            let (_, metadata) = try await connection.roundTrip(
                MetadataRequest(topics: names.map { .init(name: $0) }, allowAutoTopicCreation: false), version: 9)
            #expect(metadata.topics.count == 20)
        }
    }

    @Test(arguments: [ScramHash.sha256, .sha512])
    func scramUsersCreatedOverPlaintextAuthenticate(hash: ScramHash) async throws {
        try await SecureTestBroker.with(registry: .principalEcho) { broker in
            let alice = ScramTestClient(hash: hash, user: "alice", password: "scram-secret")
            let admin = try await TestConnection(port: broker.plaintextPort)
            let (_, altered) = try await admin.roundTrip(
                AlterUserScramCredentialsRequest(deletions: [], upsertions: [try alice.upsertion(iterations: 8192)]), version: 0)
            #expect(altered.results.map(\.errorCode) == [0])

            let good = try await TestConnection(port: broker.saslPort)
            #expect(try await alice.authenticate(on: good).errorCode == 0)
            let (_, cluster) = try await good.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:alice")

            let expected = "Authentication failed during authentication due to invalid credentials with SASL mechanism \(hash.mechanism.rawValue)"
            for client in [
                ScramTestClient(hash: hash, user: "alice", password: "wrong"),
                ScramTestClient(hash: hash, user: "mallory", password: "scram-secret"),
            ] {
                let connection = try await TestConnection(port: broker.saslPort)
                let failed = try await client.authenticate(on: connection)
                #expect(failed.errorCode == ErrorCode.saslAuthenticationFailed.rawValue)
                #expect(failed.errorMessage == expected)
                #expect(await connection.nextFrame() == nil)
            }
        }
    }

    @Test func unknownScramUsersGetAStableFakeSalt() async throws {
        try await SecureTestBroker.with { broker in
            func serverFirst(_ user: String) async throws -> ScramMessages.ServerFirst {
                let connection = try await TestConnection(port: broker.saslPort)
                _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "SCRAM-SHA-256"), version: 1)
                let first = ScramMessages.ClientFirst(userName: user, nonce: "abc")
                let (_, answer) = try await connection.roundTrip(
                    SaslAuthenticateRequest(authBytes: ByteBuffer(string: first.text)), version: 2)
                #expect(answer.errorCode == 0)
                await connection.close()
                return try ScramMessages.ServerFirst(parsing: String(buffer: answer.authBytes))
            }
            let once = try await serverFirst("ghost")
            let twice = try await serverFirst("ghost")
            #expect(once.salt == twice.salt)
            #expect(once.iterations == 4096)
            #expect(once.nonce.hasPrefix("abc") && once.nonce != twice.nonce)
            #expect(try await serverFirst("other").salt != once.salt)
        }
    }
}

/// The SASL principal reaches the authorizer: SCRAM administration needs ALTER/DESCRIBE on the cluster.
@Suite struct SaslPrincipalAuthorizationTests {
    @Test func onlyTheSuperUserMayManageScramCredentials() async throws {
        let extra = [
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "super.users": "User:admin",
        ]
        try await SecureTestBroker.with(extra: extra) { broker in
            let upsertion = try ScramTestClient(hash: .sha256, user: "bob", password: "bob-secret").upsertion()
            func login(_ user: String, _ password: String) async throws -> TestConnection {
                let connection = try await TestConnection(port: broker.saslPort)
                _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
                let (_, auth) = try await connection.roundTrip(
                    SaslAuthenticateRequest(authBytes: plainToken(user, password)), version: 2)
                #expect(auth.errorCode == 0)
                return connection
            }
            let alice = try await login("alice", "alice-secret")
            let (_, refused) = try await alice.roundTrip(
                AlterUserScramCredentialsRequest(deletions: [], upsertions: [upsertion]), version: 0)
            #expect(refused.results.map(\.errorCode) == [ErrorCode.clusterAuthorizationFailed.rawValue])
            let (_, hidden) = try await alice.roundTrip(DescribeUserScramCredentialsRequest(users: nil), version: 0)
            #expect(hidden.errorCode == ErrorCode.clusterAuthorizationFailed.rawValue)

            let admin = try await login("admin", "admin-secret")
            let (_, altered) = try await admin.roundTrip(
                AlterUserScramCredentialsRequest(deletions: [], upsertions: [upsertion]), version: 0)
            #expect(altered.results.map(\.errorCode) == [0])
            let (_, described) = try await admin.roundTrip(DescribeUserScramCredentialsRequest(users: nil), version: 0)
            #expect(described.results.map(\.user) == ["bob"])
        }
    }
}
