import KafkaSecurity
import Testing
@testable import KafkaBroker

/// listener.security.protocol.map, per-listener ssl.* / sasl.* settings and the JAAS lookup order.
@Suite struct ListenerSecurityConfigTests {
    static let plainJaas = #"org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";"#

    @Test func severalListenersEachWithItsProtocol() throws {
        let config = try BrokerConfig(values: [
            "listeners": "PLAINTEXT://:9092,SSL://:9093,SASL_PLAINTEXT://:9094,SASL_SSL://:9095,CONTROLLER://:9096",
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
            "ssl.keystore.location": "/k.p12", "ssl.keystore.password": "store-secret", "ssl.client.auth": "required",
            "listener.name.sasl_ssl.ssl.keystore.location": "/sasl.p12",
            "sasl.enabled.mechanisms": "SCRAM-SHA-256,SCRAM-SHA-512",
            "listener.name.sasl_plaintext.sasl.enabled.mechanisms": "PLAIN",
            "listener.name.sasl_plaintext.plain.sasl.jaas.config": Self.plainJaas,
        ])
        #expect(config.servedListeners.map(\.name) == ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"])
        #expect(config.security(of: "PLAINTEXT") == .plaintext)
        let ssl = config.security(of: "SSL")
        #expect(ssl.securityProtocol == .ssl && ssl.clientAuth == .required)
        #expect(ssl.sslProperties["ssl.keystore.location"] == "/k.p12")
        let saslSSL = config.security(of: "SASL_SSL")
        #expect(saslSSL.sslProperties["ssl.keystore.location"] == "/sasl.p12")
        #expect(saslSSL.sslProperties["ssl.keystore.password"] == "store-secret")
        // KIP-684: the unprefixed ssl.client.auth does not apply to SASL_SSL.
        #expect(saslSSL.clientAuth == .none)
        #expect(saslSSL.saslMechanisms == [.scramSHA256, .scramSHA512])
        let saslPlain = config.security(of: "SASL_PLAINTEXT")
        #expect(saslPlain.saslMechanisms == [.plain])
        #expect(saslPlain.plainUsers == ["admin": "admin-secret", "alice": "alice-secret"])
        // Nothing secret in the description.
        #expect(!"\(saslPlain) \(ssl)".contains("secret"))
    }

    @Test func aListenerWithoutAMapEntryIsRefused() throws {
        #expect(throws: ConfigError.invalidValue(
            key: "listeners", value: "PLAINTEXT://:9092,EXTERNAL://:9093", reason: "No security protocol defined for listener EXTERNAL")
        ) {
            try BrokerConfig(values: ["listeners": "PLAINTEXT://:9092,EXTERNAL://:9093"])
        }
        // An explicit map replaces the default one entirely.
        #expect(throws: ConfigError.self) {
            try BrokerConfig(values: ["listeners": "SASL_PLAINTEXT://:9092", "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT"])
        }
        let named = try BrokerConfig(values: [
            "listeners": "EXTERNAL://:9092", "listener.security.protocol.map": "EXTERNAL:sasl_plaintext",
            "listener.name.external.sasl.enabled.mechanisms": "SCRAM-SHA-512",
        ])
        #expect(named.security(of: "EXTERNAL").securityProtocol == .saslPlaintext)
        #expect(named.security(of: "EXTERNAL").saslMechanisms == [.scramSHA512])
    }

    @Test func controllerListenersArePlaintextWithTheDefaultMap() throws {
        let config = try BrokerConfig(values: [
            "listeners": "PLAINTEXT://:9092,CONTROLLER://:9093", "controller.listener.names": "CONTROLLER",
        ])
        #expect(config.servedListeners.map(\.name) == ["PLAINTEXT"])
        #expect(config.securityProtocol(of: "CONTROLLER") == "PLAINTEXT")
    }

    @Test func kafkasDefaultMechanismGSSAPIIsNotSupported() throws {
        #expect(throws: ConfigError.self) { try BrokerConfig(values: ["listeners": "SASL_PLAINTEXT://:9092"]) }
        #expect(throws: ConfigError.self) {
            try BrokerConfig(values: ["listeners": "SASL_PLAINTEXT://:9092", "sasl.enabled.mechanisms": "PLAIN,OAUTHBEARER"])
        }
    }

    @Test func plainUsersFollowKafkasLookupOrder() throws {
        func users(_ extra: [String: String]) throws -> [String: String] {
            var values = ["listeners": "SASL_PLAINTEXT://:9092", "sasl.enabled.mechanisms": "PLAIN"]
            values.merge(extra) { _, new in new }
            return try BrokerConfig(values: values).security(of: "SASL_PLAINTEXT").plainUsers
        }
        let module = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        #expect(try users([
            "listener.name.sasl_plaintext.plain.sasl.jaas.config": "\(module) user_a=\"1\";",
            "listener.name.sasl_plaintext.sasl.jaas.config": "\(module) user_b=\"2\";",
            "sasl.jaas.config": "\(module) user_c=\"3\";",
        ]) == ["a": "1"])
        #expect(try users([
            "listener.name.sasl_plaintext.sasl.jaas.config": "\(module) user_b=\"2\";", "sasl.jaas.config": "\(module) user_c=\"3\";",
        ]) == ["b": "2"])
        #expect(try users(["sasl.jaas.config": "\(module) user_c=\"3\";"]) == ["c": "3"])
        // No JAAS config for PLAIN: Kafka's start-up error.
        #expect(throws: ConfigError.self) { try users([:]) }
    }

    @Test func aBadJaasLineNeverEchoesItsPasswords() throws {
        do {
            _ = try BrokerConfig(values: [
                "listeners": "SASL_PLAINTEXT://:9092", "sasl.enabled.mechanisms": "PLAIN",
                "sasl.jaas.config": #"org.apache.kafka.common.security.plain.PlainLoginModule required user_a="hunter2""#,
            ])
            Issue.record("expected a config error")
        } catch {
            #expect("\(error)".contains("sasl.jaas.config"))
            #expect(!"\(error)".contains("hunter2"))
        }
    }

    @Test func sslClientAuthIsValidated() throws {
        let base = ["listeners": "SSL://:9093", "ssl.keystore.location": "/k.p12"]
        #expect(throws: ConfigError.self) { try BrokerConfig(values: base.merging(["ssl.client.auth": "always"]) { $1 }) }
        let requested = try BrokerConfig(values: base.merging(["listener.name.ssl.ssl.client.auth": "REQUESTED", "ssl.client.auth": "required"]) { $1 })
        #expect(requested.security(of: "SSL").clientAuth == .requested)
        #expect(throws: ConfigError.self) { try BrokerConfig(values: ["listeners": "SSL://:9093"]) }
    }
}
