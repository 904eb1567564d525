import Foundation
import KafkaClient
import KafkaProtocol
import KafkaSecurity
import KafkaTestSupport
import NIOSSL
import Testing

/// TLS and SASL against scripted brokers: a NIOSSLServerHandler in front of the Kafka framing, and the
/// scripted SASL server checking tokens. Certificates are made with openssl for each suite run.
@Suite(.serialized) final class SecureConnectionTests {
    let certificates: TestCertificates

    init() async throws {
        certificates = try await TestCertificates.make()
        try await certificates.makeLeaf("server", names: ["DNS:localhost", "IP:127.0.0.1"])
        try await certificates.makeLeaf("elsewhere", subject: "/CN=elsewhere.example", names: ["DNS:elsewhere.example"])
        try await certificates.makeLeaf("rogue", names: ["DNS:localhost", "IP:127.0.0.1"], authority: "rogue-ca")
    }

    deinit { certificates.remove() }

    /// The broker's TLS configuration from a PEM keystore, read through TLSSettings as a broker would.
    private func serverTLS(_ leaf: String) throws -> TLSConfiguration {
        let key = try String(contentsOfFile: certificates.path("\(leaf).key"), encoding: .utf8)
        let chain = try String(contentsOfFile: certificates.path("\(leaf).pem"), encoding: .utf8)
        let settings = try TLSSettings(properties: [
            "ssl.keystore.type": "PEM", "ssl.keystore.key": key, "ssl.keystore.certificate.chain": chain,
        ])
        return try settings.makeServerConfiguration(clientAuth: .none)
    }

    private func startBroker(tls leaf: String? = nil, sasl: SaslScript? = nil) async throws -> ScriptedBroker {
        let tls = try leaf.map { try serverTLS($0) }
        let port = PortBox()
        let broker = try await ScriptedBroker.start(tls: tls, sasl: sasl) { request in
            guard request.apiKey == .metadata else { return nil }
            var response = MetadataResponse()
            response.clusterId = "secure"
            response.controllerId = 1
            response.brokers = [MetadataResponse.MetadataResponseBroker(nodeId: 1, host: "127.0.0.1", port: Int32(port.value))]
            var topic = MetadataResponse.MetadataResponseTopic()
            topic.name = "t"
            topic.topicId = KafkaUUID(mostSignificantBits: 1, leastSignificantBits: 2)
            response.topics = [topic]
            return response
        }
        port.value = broker.port
        return broker
    }

    private func properties(_ broker: ScriptedBroker, host: String = "127.0.0.1", _ extra: [String: String])
        -> [String: String]
    {
        var properties = [
            "bootstrap.servers": "\(host):\(broker.port)", "default.api.timeout.ms": "20000",
            "ssl.truststore.type": "PEM", "ssl.truststore.location": certificates.path("ca.pem"),
        ]
        properties.merge(extra) { $1 }
        return properties
    }

    /// Lists topics; returns the names, or the error line and how long the failure took.
    private func listTopics(_ properties: [String: String]) async throws -> Result<[String], Failure> {
        let admin = try KafkaAdminClient(properties: properties)
        let started = ContinuousClock.now
        do {
            let names = try await admin.listTopics().map(\.name)
            await admin.close()
            return .success(names)
        } catch {
            await admin.close()
            return .failure(Failure(line: "\(error)", seconds: (ContinuousClock.now - started) / .seconds(1)))
        }
    }

    struct Failure: Error {
        var line: String
        var seconds: Double
    }

    private func expectFailure(_ result: Result<[String], Failure>) -> Failure? {
        switch result {
        case .success(let names):
            Issue.record("expected a failure, got topics \(names)")
            return nil
        case .failure(let failure):
            #expect(failure.seconds < 2, "failed after \(failure.seconds) s: retried instead of failing fast")
            return failure
        }
    }

    // MARK: - TLS

    @Test func trustedCertificateConnectsByAddressAndByHostName() async throws {
        let broker = try await startBroker(tls: "server")
        #expect(try await listTopics(properties(broker, ["security.protocol": "SSL"])).get() == ["t"])
        #expect(try await listTopics(properties(broker, host: "localhost", ["security.protocol": "ssl"])).get() == ["t"])
        await broker.stop()
    }

    @Test func pkcs12TruststoreFromKeytoolConnects() async throws {
        // JDK 9+ keytool writes PKCS12 (AES, PBKDF2) by default; client.properties often still say JKS.
        try await certificates.makePKCS12Truststore("truststore.jks", certificate: "ca.pem", password: "changeit")
        let broker = try await startBroker(tls: "server")
        let settings = properties(broker, [
            "security.protocol": "SSL", "ssl.truststore.type": "JKS",
            "ssl.truststore.location": certificates.path("truststore.jks"), "ssl.truststore.password": "changeit",
        ])
        #expect(try await listTopics(settings).get() == ["t"])
        await broker.stop()
    }

    @Test func untrustedCertificateFailsWithTheReason() async throws {
        let broker = try await startBroker(tls: "rogue")
        let failure = expectFailure(try await listTopics(properties(broker, ["security.protocol": "SSL"])))
        #expect(
            failure?.line == "SSL handshake failed with 127.0.0.1:\(broker.port): certificate verify failed (the broker's "
                + "certificate is not trusted by ssl.truststore.location / ssl.truststore.certificates, or by the "
                + "system's roots when neither is set)")
        await broker.stop()
    }

    @Test func wrongHostNameFailsUnlessVerificationIsOff() async throws {
        let broker = try await startBroker(tls: "elsewhere")
        for host in ["127.0.0.1", "localhost"] {
            let failure = expectFailure(try await listTopics(properties(broker, host: host, ["security.protocol": "SSL"])))
            #expect(failure?.line.hasPrefix("SSL handshake failed with \(host):\(broker.port): host name mismatch") == true)
        }
        let unchecked = properties(broker, ["security.protocol": "SSL", "ssl.endpoint.identification.algorithm": ""])
        #expect(try await listTopics(unchecked).get() == ["t"])
        await broker.stop()
    }

    @Test func plaintextClientAgainstATLSPortFailsFast() async throws {
        let broker = try await startBroker(tls: "server")
        let failure = expectFailure(try await listTopics(properties(broker, [:])))
        #expect(
            failure?.line == "Connection to 127.0.0.1:\(broker.port) failed: the broker answered with TLS; it is an SSL "
                + "listener, so set security.protocol=SSL (or SASL_SSL)")
        await broker.stop()
    }

    @Test func tlsClientAgainstAPlaintextPortFailsFast() async throws {
        let broker = try await startBroker()
        let failure = expectFailure(try await listTopics(properties(broker, ["security.protocol": "SSL"])))
        #expect(
            failure?.line == "SSL handshake failed with 127.0.0.1:\(broker.port): the broker closed the connection "
                + "during the TLS handshake; is it a PLAINTEXT listener? check security.protocol")
        await broker.stop()
    }

    // MARK: - SASL

    private func jaas(_ mechanism: SaslMechanism, _ password: String) -> [String: String] {
        let module = mechanism == .plain ? JaasConfig.plainLoginModule : JaasConfig.scramLoginModule
        return [
            "sasl.mechanism": mechanism.rawValue,
            "sasl.jaas.config": "\(module) required username=\"alice\" password=\"\(password)\";",
        ]
    }

    @Test(arguments: [SaslMechanism.plain, .scramSHA256, .scramSHA512])
    func saslOverTLSAndPlaintext(mechanism: SaslMechanism) async throws {
        let users = ["alice": "alice-secret"]
        for tls in [true, false] {
            let broker = try await startBroker(
                tls: tls ? "server" : nil, sasl: SaslScript(mechanism: mechanism, users: users))
            var right = properties(broker, jaas(mechanism, "alice-secret"))
            right["security.protocol"] = tls ? "SASL_SSL" : "SASL_PLAINTEXT"
            #expect(try await listTopics(right).get() == ["t"])

            var wrong = properties(broker, jaas(mechanism, "not-her-password"))
            wrong["security.protocol"] = right["security.protocol"]
            let failure = expectFailure(try await listTopics(wrong))
            #expect(failure?.line.hasPrefix("SASL authentication failed: Authentication failed") == true)
            #expect(failure?.line.contains("not-her-password") == false)
            await broker.stop()
        }
    }

    @Test func unsupportedMechanismNamesWhatTheBrokerOffers() async throws {
        let broker = try await startBroker(sasl: SaslScript(mechanism: .scramSHA512, users: ["alice": "a"]))
        var settings = properties(broker, jaas(.plain, "a"))
        settings["security.protocol"] = "SASL_PLAINTEXT"
        let failure = expectFailure(try await listTopics(settings))
        #expect(failure?.line == "The broker does not support SASL mechanism PLAIN; it offers [SCRAM-SHA-512]")
        await broker.stop()
    }

    @Test func saslHandshakeV0SendsRawTokens() async throws {
        let broker = try await startBroker(
            sasl: SaslScript(mechanism: .scramSHA256, users: ["alice": "alice-secret"], handshakeV0Only: true))
        var right = properties(broker, jaas(.scramSHA256, "alice-secret"))
        right["security.protocol"] = "SASL_PLAINTEXT"
        #expect(try await listTopics(right).get() == ["t"])
        var wrong = properties(broker, jaas(.scramSHA256, "wrong"))
        wrong["security.protocol"] = "SASL_PLAINTEXT"
        let failure = expectFailure(try await listTopics(wrong))
        #expect(failure?.line.hasPrefix("SASL authentication failed: the broker at 127.0.0.1:\(broker.port) closed the connection") == true)
        await broker.stop()
    }

    @Test func plaintextClientOnASaslListenerIsRefusedByTheBroker() async throws {
        // The broker closes a connection that skips SASL; the client must not mistake that for success.
        let broker = try await startBroker(sasl: SaslScript(mechanism: .plain, users: ["alice": "a"]))
        var settings = properties(broker, [:])
        settings["default.api.timeout.ms"] = "1000"
        if case .success = try await listTopics(settings) { Issue.record("a client without SASL got through") }
        await broker.stop()
    }
}

/// The port a scripted broker's own metadata names, known only once it is bound.
private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    var value: Int {
        get { lock.withLock { port } }
        set { lock.withLock { port = newValue } }
    }
}
