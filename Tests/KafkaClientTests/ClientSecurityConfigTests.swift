import KafkaClient
import KafkaSecurity
import Testing

@Suite struct ClientSecurityConfigTests {
    private func error(_ properties: [String: String]) -> String {
        do {
            _ = try ClientConfig(properties: ["bootstrap.servers": "localhost:9092"].merging(properties) { $1 })
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func plaintextByDefault() throws {
        let config = try ClientConfig(properties: ["bootstrap.servers": "localhost:9092"])
        #expect(config.security == .plaintext)
    }

    @Test func securityProtocolIsCheckedWithKafkasMessage() {
        #expect(error(["security.protocol": "TLS"]) == SecurityProtocol.invalidValueMessage("TLS"))
    }

    @Test func saslNeedsASupportedMechanismAndAJaasLine() throws {
        #expect(
            error(["security.protocol": "SASL_SSL"])
                == "SASL mechanism GSSAPI (Kafka's default when sasl.mechanism is not set) is not supported; set "
                + "sasl.mechanism to one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")
        #expect(error(["security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "OAUTHBEARER"]).hasPrefix(
            "SASL mechanism OAUTHBEARER is not supported"))
        #expect(error(["security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN"]).contains("set sasl.jaas.config"))
        let unterminated = error([
            "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
            "sasl.jaas.config": #"org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="s3cret""#,
        ])
        #expect(unterminated == "Invalid value for configuration sasl.jaas.config: JAAS config entry not terminated by semi-colon")

        let config = try ClientConfig(properties: [
            "bootstrap.servers": "localhost:9092", "security.protocol": "sasl_plaintext",
            "sasl.mechanism": "SCRAM-SHA-512",
            "sasl.jaas.config": #"org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="alice-secret";"#,
        ])
        #expect(config.security.securityProtocol == .saslPlaintext)
        #expect(config.security.tls == nil)
        #expect(config.security.sasl?.mechanism == .scramSHA512)
        #expect(config.security.sasl?.credentials == SaslCredentials(username: "alice", password: "alice-secret"))
        #expect(!"\(config)".contains("alice-secret"))
    }

    @Test func sslStoresAreLoadedWhenTheConfigIsRead() {
        #expect(
            error(["security.protocol": "SSL", "ssl.truststore.location": "/nonexistent/truststore.jks"])
                == "Failed to load SSL truststore /nonexistent/truststore.jks: no such file")
        // Without TLS the ssl.* keys are not read, as in Kafka.
        #expect(error(["ssl.truststore.location": "/nonexistent/truststore.jks"]) == "no error")
    }
}
