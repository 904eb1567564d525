import Foundation
import KafkaSecurity
import KafkaTestSupport
import NIOSSL
import Testing

/// Certificate-only PKCS12 truststores as keytool (JDK 17) and openssl 3 write them, made at test time.
@Suite(.serialized) final class PKCS12TruststoreTests {
    let certificates: TestCertificates

    init() async throws {
        certificates = try await TestCertificates.make()
        try await certificates.makeLeaf("server", names: ["DNS:localhost", "IP:127.0.0.1"])
    }

    deinit { certificates.remove() }

    private func path(_ name: String) -> String { certificates.path(name) }

    private func der(_ pem: String) throws -> [UInt8] {
        try NIOSSLCertificate.fromPEMFile(path(pem))[0].toDERBytes()
    }

    private func roots(_ properties: [String: String]) throws -> [[UInt8]]? {
        try TLSSettings(properties: properties).trustRoots?.map { try $0.toDERBytes() }
    }

    private func loadError(_ properties: [String: String]) -> String {
        do {
            _ = try TLSSettings(properties: properties)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// What `openssl pkcs12 -info` says about a store's algorithms (the MAC and the encryption lines).
    private func algorithms(_ store: String, password: String) async throws -> String {
        try await certificates.run("openssl", "pkcs12", "-info", "-in", store, "-passin", "pass:\(password)", "-nokeys", "-noout")
    }

    private func opensslExport(_ store: String, _ options: [String], password: String = "changeit") async throws {
        try await certificates.run(
            "openssl", arguments: ["pkcs12", "-export", "-nokeys", "-in", "ca.pem", "-out", store] + options
                + ["-passout", "pass:\(password)"])
    }

    @Test func keytoolDefaultStoreIsPBES2AndLoads() async throws {
        try await certificates.makePKCS12Truststore("ts.p12", certificate: "ca.pem", password: "changeit")
        let info = try await algorithms("ts.p12", password: "changeit")
        #expect(info.contains("PBES2, PBKDF2, AES-256-CBC"), "JDK 17 keytool default changed: \(info)")
        #expect(info.contains("MAC: sha256"))

        let expected = [try der("ca.pem")]
        #expect(
            try roots([
                "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("ts.p12"),
                "ssl.truststore.password": "changeit",
            ]) == expected)
        // Kafka's default type is JKS: the content decides, as Java's keystore.type.compat does.
        #expect(try roots(["ssl.truststore.location": path("ts.p12"), "ssl.truststore.password": "changeit"]) == expected)
        #expect(
            try roots([
                "ssl.truststore.type": "p12", "ssl.truststore.location": path("ts.p12"),
                "ssl.truststore.password": "changeit",
            ]) == expected)
    }

    @Test func pkcs12UnderAJKSNameWithJKSTypeIsDetected() async throws {
        try await certificates.makePKCS12Truststore("truststore.jks", certificate: "ca.pem", password: "changeit", explicitType: true)
        let settings = try TLSSettings(properties: [
            "ssl.truststore.type": "JKS", "ssl.truststore.location": path("truststore.jks"),
            "ssl.truststore.password": "changeit",
        ])
        #expect(try settings.trustRoots?.map { try $0.toDERBytes() } == [try der("ca.pem")])
        #expect(try settings.makeClientConfiguration().trustRoots == .certificates(settings.trustRoots ?? []))
    }

    @Test func opensslExportsWithAESLoad() async throws {
        // Two CAs in one store, in file order.
        let both = try String(contentsOfFile: path("ca.pem"), encoding: .utf8)
            + String(contentsOfFile: path("rogue-ca.pem"), encoding: .utf8)
        try Data(both.utf8).write(to: URL(fileURLWithPath: path("ca.pem")))
        let expected = [try der("ca.pem"), try NIOSSLCertificate.fromPEMFile(path("rogue-ca.pem"))[0].toDERBytes()]

        let variants: [(String, [String], String)] = [
            ("default.p12", [], "AES-256-CBC"),
            ("aes128-sha1mac.p12", ["-certpbe", "AES-128-CBC", "-macalg", "sha1"], "AES-128-CBC"),
            ("aes192-sha512mac.p12", ["-certpbe", "AES-192-CBC", "-macalg", "sha512"], "AES-192-CBC"),
        ]
        for (store, options, cipher) in variants {
            try await opensslExport(store, options)
            #expect(try await algorithms(store, password: "changeit").contains(cipher))
            #expect(
                try roots([
                    "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path(store),
                    "ssl.truststore.password": "changeit",
                ]) == expected, "\(store)")
        }
    }

    @Test func javaAlgorithmChoicesLoad() async throws {
        // Other PBKDF2 PRFs and MAC digests, as keytool writes them on request.
        let choices = [
            ("sha1.p12", "PBEWithHmacSHA1AndAES_128", "HmacPBESHA1", "PRF hmacWithSHA1"),
            ("sha512.p12", "PBEWithHmacSHA512AndAES_256", "HmacPBESHA512", "PRF hmacWithSHA512"),
            ("sha384.p12", "PBEWithHmacSHA384AndAES_256", "HmacPBESHA384", "PRF hmacWithSHA384"),
        ]
        for (store, encryption, mac, prf) in choices {
            try await certificates.makePKCS12Truststore(
                store, certificate: "ca.pem", password: "changeit",
                javaOptions: ["-Dkeystore.pkcs12.certProtectionAlgorithm=\(encryption)", "-Dkeystore.pkcs12.macAlgorithm=\(mac)"])
            #expect(try await algorithms(store, password: "changeit").contains(prf))
            #expect(
                try roots(["ssl.truststore.location": path(store), "ssl.truststore.password": "changeit"])
                    == [try der("ca.pem")], "\(store)")
        }
    }

    @Test func unencryptedCertificateBagsLoadWithoutAPassword() async throws {
        try await certificates.makePKCS12Truststore(
            "plain.p12", certificate: "ca.pem", password: "changeit",
            javaOptions: ["-Dkeystore.pkcs12.certProtectionAlgorithm=NONE", "-Dkeystore.pkcs12.macAlgorithm=NONE"])
        let expected = [try der("ca.pem")]
        #expect(try roots(["ssl.truststore.location": path("plain.p12")]) == expected)
        #expect(try roots(["ssl.truststore.location": path("plain.p12"), "ssl.truststore.password": "anything"]) == expected)

        // openssl's -certpbe NONE keeps a MAC: checked with a password, skipped without one (as Java does).
        try await opensslExport("plain-mac.p12", ["-certpbe", "NONE"])
        #expect(try roots(["ssl.truststore.location": path("plain-mac.p12")]) == expected)
        #expect(
            try roots(["ssl.truststore.location": path("plain-mac.p12"), "ssl.truststore.password": "changeit"]) == expected)
        #expect(
            loadError(["ssl.truststore.location": path("plain-mac.p12"), "ssl.truststore.password": "nope"]).hasSuffix(
                "keystore was tampered with, or password was incorrect"))
    }

    @Test func encryptedStoreWithoutAPasswordSaysSo() async throws {
        try await certificates.makePKCS12Truststore("ts.p12", certificate: "ca.pem", password: "changeit")
        #expect(
            loadError(["ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("ts.p12")])
                == "Failed to load SSL truststore \(path("ts.p12")) of type PKCS12: "
                + "the store is protected by a password and none is set")
    }

    @Test func wrongPasswordIsOneLineWithoutThePassword() async throws {
        try await certificates.makePKCS12Truststore("ts.p12", certificate: "ca.pem", password: "changeit")
        let wrong = loadError([
            "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("ts.p12"),
            "ssl.truststore.password": "wrong-pass",
        ])
        #expect(
            wrong == "Failed to load SSL truststore \(path("ts.p12")) of type PKCS12: "
                + "keystore was tampered with, or password was incorrect")
        #expect(!wrong.contains("wrong-pass"))
        #expect(!wrong.contains("\n"))
    }

    @Test func tamperedAndTruncatedStoresFail() async throws {
        try await certificates.makePKCS12Truststore("ts.p12", certificate: "ca.pem", password: "changeit")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("ts.p12"))))
        // Flip one byte at several places: inside the encrypted certificates, the MAC, the salts.
        for offset in [bytes.count / 3, bytes.count / 2, bytes.count - 3] {
            var tampered = bytes
            tampered[offset] ^= 0x01
            try Data(tampered).write(to: URL(fileURLWithPath: path("tampered.p12")))
            let error = loadError([
                "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("tampered.p12"),
                "ssl.truststore.password": "changeit",
            ])
            #expect(error.hasPrefix("Failed to load SSL truststore \(path("tampered.p12")) of type PKCS12: "), "\(offset)")
        }
        var tampered = bytes
        tampered[bytes.count / 2] ^= 0x01
        try Data(tampered).write(to: URL(fileURLWithPath: path("tampered.p12")))
        #expect(
            loadError([
                "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("tampered.p12"),
                "ssl.truststore.password": "changeit",
            ]).hasSuffix("keystore was tampered with, or password was incorrect"))

        for length in [1, 40, bytes.count / 2, bytes.count - 1] {
            try Data(bytes.prefix(length)).write(to: URL(fileURLWithPath: path("short.p12")))
            let error = loadError([
                "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("short.p12"),
                "ssl.truststore.password": "changeit",
            ])
            #expect(error.contains("not a PKCS12 file"), "\(length): \(error)")
        }
        // Truncated and typed JKS: neither format, so the JKS wording.
        #expect(
            loadError(["ssl.truststore.location": path("short.p12")]).contains(
                "not a JKS keystore (no 0xFEEDFEED magic number) and not PKCS12 or PEM either"))
    }

    @Test func everySingleByteChangeFailsCleanly() async throws {
        // One iteration keeps the sweep fast; every offset, with and without a password, must give one line or
        // (for bytes no check covers, e.g. without a password) still parse, never trap.
        try await opensslExport("fast.p12", ["-iter", "1"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("fast.p12"))))
        let store = path("mutated.p12")
        for offset in bytes.indices {
            var mutated = bytes
            mutated[offset] ^= 0x41
            try Data(mutated).write(to: URL(fileURLWithPath: store))
            for password in ["changeit", nil] as [String?] {
                var properties = ["ssl.truststore.type": "PKCS12", "ssl.truststore.location": store]
                properties["ssl.truststore.password"] = password
                let error = loadError(properties)
                #expect(error.hasPrefix("Failed to load SSL truststore \(store) of type PKCS12: "), "\(offset): \(error)")
                #expect(!error.contains("\n"))
            }
        }
    }

    @Test func legacyEncryptionIsRefusedWithTheFix() async throws {
        let legacy: [(String, [String], String)] = [
            ("rc2.p12", ["-legacy"], "pbeWithSHAAnd40BitRC2-CBC"),
            ("3des.p12", ["-certpbe", "PBE-SHA1-3DES"], "pbeWithSHAAnd3-KeyTripleDES-CBC"),
        ]
        for (store, options, name) in legacy {
            do {
                try await opensslExport(store, options)
            } catch {
                // An openssl without the legacy provider cannot write the file; nothing to read then.
                print("skipped \(store): \(error)")
                continue
            }
            for password in ["changeit", nil] as [String?] {
                var properties = ["ssl.truststore.type": "PKCS12", "ssl.truststore.location": path(store)]
                properties["ssl.truststore.password"] = password
                let error = loadError(properties)
                #expect(error.hasPrefix("Failed to load SSL truststore \(path(store)) of type PKCS12: "))
                #expect(error.contains("encrypted with \(name), a legacy algorithm not supported here"), "\(error)")
                #expect(error.contains("-certpbe AES-256-CBC"))
                #expect(error.contains("keytool -importcert -storetype PKCS12"))
                #expect(!error.contains("\n"))
            }
        }
    }

    @Test func keystoresServeAsTruststores() async throws {
        // A PKCS12 keystore (key, leaf, CA) used as a truststore: its certificates, its key untouched.
        try await certificates.exportPKCS12("server", password: "store-secret")
        let trusted = try roots([
            "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("server.p12"),
            "ssl.truststore.password": "store-secret",
        ])
        #expect(Set(trusted ?? []) == Set([try der("server.pem"), try der("ca.pem")]))

        // An older writer's keystore (RC2 certificates, 3DES key): BoringSSL reads it since it holds a key.
        do {
            try await certificates.run(
                "openssl", "pkcs12", "-export", "-legacy", "-in", "server.pem", "-inkey", "server.key", "-certfile",
                "ca.pem", "-out", "legacy-server.p12", "-passout", "pass:store-secret")
            let legacy = try roots([
                "ssl.truststore.type": "PKCS12", "ssl.truststore.location": path("legacy-server.p12"),
                "ssl.truststore.password": "store-secret",
            ])
            #expect(Set(legacy ?? []) == Set(trusted ?? []))
        } catch let failure as TestCertificates.Failure {
            print("skipped the legacy keystore: \(failure)")
        }
    }

    @Test func pkcs12KeystoreTypedJKSIsDetected() async throws {
        try await certificates.exportPKCS12("server", password: "store-secret")
        let settings = try TLSSettings(properties: [
            "ssl.keystore.type": "JKS", "ssl.keystore.location": path("server.p12"),
            "ssl.keystore.password": "store-secret",
        ])
        #expect(settings.privateKey != nil)
        #expect(settings.certificateChain.count == 2)
    }
}
