import KafkaProtocol
import KafkaSecurity
import KafkaStorage
import KafkaTestSupport
import NIOCore
import NIOSSL
import Testing
@testable import KafkaBroker

/// SSL and SASL_SSL listeners with certificates made by openssl at test time.
@Suite(.serialized) struct TLSListenerTests {
    struct Listeners {
        var ssl: Int
        var mtls: Int
        var saslSSL: Int
    }

    /// A broker with SSL (no client auth), MTLS (SSL, ssl.client.auth=required) and SASL_SSL (PLAIN) listeners.
    func withBroker(_ body: (Listeners, TestCertificates) async throws -> Void) async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        try await certificates.makeLeaf("server", names: ["DNS:localhost", "IP:127.0.0.1"])
        try await certificates.exportPKCS12("server", password: "store-pass")
        try await certificates.makeLeaf("client", subject: "/O=org/OU=test/CN=client", names: ["DNS:client"])
        try await certificates.makeLeaf("rogue", subject: "/CN=rogue", names: ["DNS:rogue"], authority: "rogue-ca")
        let config = try BrokerConfig(values: [
            "listeners": "SSL://127.0.0.1:0,MTLS://127.0.0.1:0,SASL_SSL://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs",
            "listener.security.protocol.map": "SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL",
            "ssl.keystore.type": "PKCS12", "ssl.keystore.location": certificates.path("server.p12"),
            "ssl.keystore.password": "store-pass", "ssl.truststore.type": "PEM",
            "ssl.truststore.location": certificates.path("ca.pem"), "listener.name.mtls.ssl.client.auth": "required",
            "sasl.enabled.mechanisms": "PLAIN",
            "listener.name.sasl_ssl.plain.sasl.jaas.config": SecureTestBroker.jaas,
        ])
        let topicManager = try await TopicManager.open(config: config, fileSystem: InMemoryFileSystem(), clusterId: "c")
        let server = BrokerServer(config: config, topicManager: topicManager, registry: .principalEcho, threads: 1)
        do {
            let bound = try await server.start()
            func port(_ name: String) throws -> Int { try #require(bound.first { $0.name == name }?.port) }
            try await body(Listeners(ssl: try port("SSL"), mtls: try port("MTLS"), saslSSL: try port("SASL_SSL")), certificates)
        } catch {
            await server.shutdown()
            try await topicManager.shutdown()
            throw error
        }
        await server.shutdown()
        try await topicManager.shutdown()
    }

    func client(_ certificates: TestCertificates, certificate: String? = nil) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(certificates.path("ca.pem"))
        if let certificate {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificates.path("\(certificate).pem"))
                .map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: certificates.path("\(certificate).key"), format: .pem))
        }
        configuration.certificateVerification = .noHostnameVerification
        return try NIOSSLContext(configuration: configuration)
    }

    @Test func tlsWithoutClientAuthIsAnonymous() async throws {
        try await withBroker { ports, certificates in
            let connection = try await TestConnection(port: ports.ssl, tls: try client(certificates))
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:ANONYMOUS")
        }
    }

    @Test func mutualTLSPrincipalIsTheSubjectDN() async throws {
        try await withBroker { ports, certificates in
            let connection = try await TestConnection(port: ports.mtls, tls: try client(certificates, certificate: "client"))
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:CN=client,OU=test,O=org")

            // No certificate, or one from a CA the broker does not trust: the handshake fails.
            for context in [try client(certificates), try client(certificates, certificate: "rogue")] {
                let refused = try? await TestConnection(port: ports.mtls, tls: context)
                if let refused {
                    try? await refused.send(DescribeClusterRequest(), version: 0, correlationId: 1)
                    #expect(await refused.nextFrame() == nil)
                }
            }
        }
    }

    @Test func plaintextKafkaBytesOnATLSPortGetNoKafkaAnswer() async throws {
        try await withBroker { ports, certificates in
            for port in [ports.ssl, ports.saslSSL] {
                let plain = try await TestConnection(port: port)
                try await plain.send(MetadataRequest(topics: nil), version: 1, correlationId: 9)
                // Whatever comes back (a TLS alert is not a Kafka frame we could decode as ours), the socket closes.
                while let frame = await plain.nextFrame() {
                    #expect(frame.getInteger(at: frame.readerIndex, as: Int32.self) != 9)
                }
            }
            // The listener still serves TLS clients.
            let good = try await TestConnection(port: ports.ssl, tls: try client(certificates))
            _ = try await good.roundTrip(DescribeClusterRequest(), version: 0)
        }
    }

    @Test func saslOverTLSUsesTheSASLPrincipal() async throws {
        try await withBroker { ports, certificates in
            let connection = try await TestConnection(port: ports.saslSSL, tls: try client(certificates, certificate: "client"))
            _ = try await connection.roundTrip(SaslHandshakeRequest(mechanism: "PLAIN"), version: 1)
            let (_, auth) = try await connection.roundTrip(
                SaslAuthenticateRequest(authBytes: plainToken("alice", "alice-secret")), version: 2)
            #expect(auth.errorCode == 0)
            let (_, cluster) = try await connection.roundTrip(DescribeClusterRequest(), version: 0)
            #expect(cluster.clusterId == "User:alice")
        }
    }

    @Test func aWrongKeystorePasswordStopsStartUp() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        try await certificates.makeLeaf("server", names: ["IP:127.0.0.1"])
        try await certificates.exportPKCS12("server", password: "store-pass")
        let config = try BrokerConfig(values: [
            "listeners": "SSL://127.0.0.1:0", "node.id": "1", "log.dirs": "/logs", "ssl.keystore.type": "PKCS12",
            "ssl.keystore.location": certificates.path("server.p12"), "ssl.keystore.password": "wrong-pass",
        ])
        let topicManager = try await TopicManager.open(config: config, fileSystem: InMemoryFileSystem(), clusterId: "c")
        let server = BrokerServer(config: config, topicManager: topicManager, threads: 1)
        do {
            _ = try await server.start()
            Issue.record("started with a wrong keystore password")
        } catch let error as BrokerStartError {
            #expect(error.description.contains("listener SSL"))
            #expect(!error.description.contains("wrong-pass"))
        }
        try await topicManager.shutdown()
    }
}
