import Foundation
import KafkaSecurity
import KafkaTestSupport
import NIOSSL
import Testing

/// Stores of every type, made with openssl and keytool at test time.
@Suite(.serialized) final class TLSSettingsTests {
    let certificates: TestCertificates

    init() async throws {
        certificates = try await TestCertificates.make()
        try await certificates.makeLeaf("server", names: ["DNS:localhost", "IP:127.0.0.1"])
    }

    deinit { certificates.remove() }

    private func path(_ name: String) -> String { certificates.path(name) }

    private func caDER() throws -> [UInt8] {
        try NIOSSLCertificate.fromPEMFile(path("ca.pem"))[0].toDERBytes()
    }

    private func loadError(_ properties: [String: String]) -> String {
        do {
            _ = try TLSSettings(properties: properties)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func defaultsUseSystemRootsAndVerifyHostNames() async throws {
        let settings = try TLSSettings(properties: [:])
        #expect(settings.trustRoots == nil)
        #expect(settings.privateKey == nil)
        #expect(settings.verifiesHostName)
        let configuration = try settings.makeClientConfiguration()
        #expect(configuration.trustRoots == .default)
        #expect(configuration.certificateVerification == .fullVerification)
        #expect(configuration.minimumTLSVersion == .tlsv12)
        #expect(configuration.maximumTLSVersion == .tlsv13)
    }

    @Test func emptyEndpointIdentificationDisablesHostNameChecks() async throws {
        let settings = try TLSSettings(properties: ["ssl.endpoint.identification.algorithm": ""])
        #expect(!settings.verifiesHostName)
        #expect(try settings.makeClientConfiguration().certificateVerification == .noHostnameVerification)
        #expect(
            loadError(["ssl.endpoint.identification.algorithm": "ldaps"]).contains(
                "Invalid value ldaps for configuration ssl.endpoint.identification.algorithm"))
    }

    @Test func enabledProtocolsBoundTheVersions() async throws {
        let settings = try TLSSettings(properties: ["ssl.enabled.protocols": "TLSv1.3", "ssl.protocol": "TLSv1.3"])
        #expect(settings.minimumVersion == .tlsv13)
        #expect(settings.maximumVersion == .tlsv13)
        #expect(loadError(["ssl.enabled.protocols": "SSLv3"]).contains("Invalid value SSLv3 in configuration ssl.enabled.protocols"))
        #expect(loadError(["ssl.protocol": "TLSv9"]).contains("Invalid value TLSv9 for configuration ssl.protocol"))
    }

    @Test func pemTruststoreFileAndInlineCertificates() async throws {
        let fromFile = try TLSSettings(properties: [
            "ssl.truststore.type": "PEM", "ssl.truststore.location": path("ca.pem"),
        ])
        #expect(try fromFile.trustRoots?.map { try $0.toDERBytes() } == [try caDER()])

        // A properties file's `\` continuations turn the PEM's line breaks into spaces.
        let pem = try String(contentsOfFile: path("ca.pem"), encoding: .utf8)
        let oneLine = pem.split(whereSeparator: \.isNewline).joined(separator: " ")
        let inline = try TLSSettings(properties: ["ssl.truststore.type": "PEM", "ssl.truststore.certificates": oneLine])
        #expect(try inline.trustRoots?.map { try $0.toDERBytes() } == [try caDER()])
        #expect(try inline.makeClientConfiguration().trustRoots == .certificates(inline.trustRoots ?? []))
    }

    @Test func pemKeystoreWithEncryptedKey() async throws {
        try await certificates.encryptKey("server", password: "key-secret")
        let chain = try String(contentsOfFile: path("server.pem"), encoding: .utf8)
        let key = try String(contentsOfFile: path("server-encrypted.key"), encoding: .utf8)
        try Data((key + chain).utf8).write(to: URL(fileURLWithPath: path("server-keystore.pem")))

        let settings = try TLSSettings(properties: [
            "ssl.keystore.type": "PEM", "ssl.keystore.location": path("server-keystore.pem"),
            "ssl.key.password": "key-secret",
        ])
        #expect(settings.privateKey != nil)
        #expect(settings.certificateChain.count == 1)
        let configuration = try settings.makeServerConfiguration(clientAuth: .required)
        #expect(configuration.certificateVerification == .noHostnameVerification)
        #expect(try settings.makeServerConfiguration(clientAuth: .requested).certificateVerification == .optionalVerification)
        #expect(try settings.makeServerConfiguration(clientAuth: .none).certificateVerification == .none)

        let inline = try TLSSettings(properties: [
            "ssl.keystore.type": "PEM", "ssl.keystore.key": key, "ssl.keystore.certificate.chain": chain,
            "ssl.key.password": "key-secret",
        ])
        #expect(inline.privateKey == settings.privateKey)

        let wrong = loadError([
            "ssl.keystore.type": "PEM", "ssl.keystore.location": path("server-keystore.pem"),
            "ssl.key.password": "not-the-secret",
        ])
        #expect(wrong == "Failed to load SSL keystore \(path("server-keystore.pem")) of type PEM: wrong ssl.key.password")
        let missing = loadError(["ssl.keystore.type": "PEM", "ssl.keystore.location": path("server-keystore.pem")])
        #expect(missing.contains("the private key is encrypted and ssl.key.password is not set"))
    }

    @Test func pkcs12KeystoreAndWrongPassword() async throws {
        try await certificates.exportPKCS12("server", password: "store-secret")
        let settings = try TLSSettings(properties: [
            "ssl.keystore.type": "PKCS12", "ssl.keystore.location": path("server.p12"),
            "ssl.keystore.password": "store-secret",
        ])
        #expect(settings.privateKey != nil)
        #expect(settings.certificateChain.count == 2)
        #expect(try settings.makeClientConfiguration().privateKey != nil)

        let wrong = loadError([
            "ssl.keystore.type": "PKCS12", "ssl.keystore.location": path("server.p12"),
            "ssl.keystore.password": "guess",
        ])
        #expect(wrong.hasPrefix("Failed to load SSL keystore \(path("server.p12")) of type PKCS12: "))
        #expect(wrong.contains("password"))
        #expect(!wrong.contains("guess"))
    }

    @Test func jksTruststoreMadeByKeytool() async throws {
        try await certificates.makeJKSTruststore("truststore.jks", certificate: "ca.pem", password: "changeit")
        // No ssl.truststore.type: Kafka's default is JKS.
        let settings = try TLSSettings(properties: [
            "ssl.truststore.location": path("truststore.jks"), "ssl.truststore.password": "changeit",
        ])
        #expect(try settings.trustRoots?.map { try $0.toDERBytes() } == [try caDER()])
        // Java skips the integrity check without a password, and so do we.
        let unchecked = try TLSSettings(properties: ["ssl.truststore.location": path("truststore.jks")])
        #expect(unchecked.trustRoots == settings.trustRoots)

        let wrong = loadError([
            "ssl.truststore.location": path("truststore.jks"), "ssl.truststore.password": "wrong-pass",
        ])
        #expect(
            wrong == "Failed to load SSL truststore \(path("truststore.jks")) of type JKS: "
                + "keystore was tampered with, or password was incorrect")
        #expect(!wrong.contains("wrong-pass"))
    }

    @Test func tamperedJKSFailsTheIntegrityCheck() async throws {
        try await certificates.makeJKSTruststore("truststore.jks", certificate: "ca.pem", password: "changeit")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("truststore.jks"))))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path("tampered.jks")))
        let error = loadError(["ssl.truststore.location": path("tampered.jks"), "ssl.truststore.password": "changeit"])
        #expect(error.contains("keystore was tampered with, or password was incorrect"))

        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: path("short.jks")))
        #expect(loadError(["ssl.truststore.location": path("short.jks")]).contains("the JKS file is truncated"))
    }

    @Test func jksKeystoreGetsTheConversionHint() async throws {
        try await certificates.exportPKCS12("server", password: "store-secret")
        try await certificates.makeJKSKeystore("keystore.jks", fromPKCS12: "server", password: "store-secret")
        let error = loadError([
            "ssl.keystore.location": path("keystore.jks"), "ssl.keystore.password": "store-secret",
        ])
        #expect(error.hasPrefix("Failed to load SSL keystore \(path("keystore.jks")) of type JKS: "))
        #expect(
            error.contains(
                "keytool -importkeystore -srckeystore \(path("keystore.jks")) -destkeystore \(path("keystore.jks")).p12 -deststoretype PKCS12"))
        #expect(!error.contains("store-secret"))
    }

    @Test func unreadableStoresNameTheFileAndTheReason() async throws {
        #expect(
            loadError(["ssl.truststore.location": path("missing.jks")])
                == "Failed to load SSL truststore \(path("missing.jks")): no such file")
        #expect(
            loadError(["ssl.truststore.type": "PEM", "ssl.truststore.location": path("server.key")]).hasSuffix(
                "it holds no certificates"))
        #expect(
            loadError(["ssl.truststore.location": path("server.key")]).contains("not a JKS keystore"))
        #expect(loadError(["ssl.truststore.type": "BKS"]).contains("Invalid value BKS for configuration ssl.truststore.type"))
        #expect(loadError(["ssl.keystore.key": "x"]).contains("ssl.keystore.certificate.chain is not"))
        #expect(
            (try? TLSSettings(properties: [:]).makeServerConfiguration(clientAuth: .none)) == nil,
            "a listener without a keystore must be refused")
    }

    @Test func prefixedKeysWinOverUnprefixedOnes() async throws {
        try await certificates.makeJKSTruststore("truststore.jks", certificate: "ca.pem", password: "changeit")
        let settings = try TLSSettings(
            properties: [
                "listener.name.ssl.ssl.truststore.location": path("truststore.jks"),
                "ssl.truststore.location": path("missing.jks"),
                "ssl.truststore.password": "changeit",
            ], prefix: "listener.name.ssl.")
        #expect(settings.trustRoots?.count == 1)
    }
}
