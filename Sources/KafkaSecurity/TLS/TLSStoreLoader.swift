import Foundation
import NIOSSL

/// Reads truststores and keystores in Kafka's three types (JKS, PKCS12, PEM) into NIOSSL objects. Every failure
/// is a `TLSSettingsError` naming the store, the file and the reason; passwords never appear in one.
enum TLSStoreLoader {
    enum StoreType: String {
        case jks = "JKS"
        case pkcs12 = "PKCS12"
        case pem = "PEM"
    }

    /// The certificate chain (leaf first) and key a keystore holds.
    struct Identity {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
    }

    static func storeType(_ text: String?, key: String) throws -> StoreType? {
        guard let text, !text.isEmpty else { return nil }
        // PKCS12's other spellings, as Java's KeyStore.getInstance accepts them.
        let normalized = text.uppercased() == "P12" || text.uppercased() == "PKCS#12" ? "PKCS12" : text.uppercased()
        guard let type = StoreType(rawValue: normalized) else {
            throw TLSSettingsError(
                "Invalid value \(text) for configuration \(key): store types supported here are JKS, PKCS12 and PEM")
        }
        return type
    }

    // MARK: - Truststores

    /// The trusted certificates of a truststore file.
    static func trustedCertificates(path: String, type: StoreType, password: String?) throws -> [NIOSSLCertificate] {
        let bytes = try readFile(path, store: "truststore")
        let failure = { (reason: String) in
            TLSSettingsError("Failed to load SSL truststore \(path) of type \(type.rawValue): \(reason)")
        }
        let certificates: [NIOSSLCertificate]
        // Java reads a PKCS12 file named as JKS and the reverse (keystore.type.compat), so the content decides;
        // JDK 9+ keytool writes PKCS12 by default, often under a .jks name.
        if JavaKeyStore.looksLikeJavaKeyStore(bytes) {
            certificates = try jksTrustedCertificates(bytes, password: password, failure: failure)
        } else if type == .pem || PEMBlock.all(in: String(decoding: bytes, as: UTF8.self)).contains(where: \.isCertificate) {
            certificates = try pemCertificates(String(decoding: bytes, as: UTF8.self), failure: failure)
        } else if type == .pkcs12 || PKCS12Truststore.looksLikePKCS12(bytes) {
            certificates = try pkcs12TrustedCertificates(bytes, password: password, failure: failure)
        } else {
            throw failure("not a JKS keystore (no 0xFEEDFEED magic number) and not PKCS12 or PEM either")
        }
        guard !certificates.isEmpty else { throw failure("it holds no certificates") }
        return certificates
    }

    /// `ssl.truststore.certificates`: inline PEM.
    static func inlineTrustedCertificates(_ text: String, key: String) throws -> [NIOSSLCertificate] {
        let failure = { (reason: String) in TLSSettingsError("Invalid value for configuration \(key): \(reason)") }
        let certificates = try pemCertificates(text, failure: failure)
        guard !certificates.isEmpty else { throw failure("it holds no certificates") }
        return certificates
    }

    private static func pkcs12TrustedCertificates(
        _ bytes: [UInt8], password: String?, failure: (String) -> TLSSettingsError
    ) throws -> [NIOSSLCertificate] {
        let store: PKCS12Truststore
        do {
            store = try PKCS12Truststore(bytes: bytes, password: password)
        } catch {
            if case .legacyEncryption = error, PKCS12Probe.hasPrivateKey(bytes) {
                // A keystore from an older writer: BoringSSL still reads its RC2/3DES, and with a key it cannot trap.
                return try pkcs12Bundle(bytes, password: password, failure: failure).certificateChain
            }
            throw failure(error.reason)
        }
        return try certificates(fromDER: store.certificates, failure: failure)
    }

    private static func jksTrustedCertificates(
        _ bytes: [UInt8], password: String?, failure: (String) -> TLSSettingsError
    ) throws -> [NIOSSLCertificate] {
        let store: JavaKeyStore
        do {
            store = try JavaKeyStore(bytes: bytes, password: password)
        } catch {
            throw failure(error.reason)
        }
        // Java's trust manager also trusts the first certificate of each key entry (TrustStoreUtil).
        let ders = store.trustedCertificates.map(\.der) + store.privateKeys.compactMap(\.chain.first)
        return try certificates(fromDER: ders, failure: failure)
    }

    private static func certificates(fromDER ders: [[UInt8]], failure: (String) -> TLSSettingsError) throws
        -> [NIOSSLCertificate]
    {
        try ders.map { der in
            do {
                return try NIOSSLCertificate(bytes: der, format: .der)
            } catch {
                throw failure("it holds a certificate that is not valid X.509 DER")
            }
        }
    }

    // MARK: - Keystores

    /// A keystore file's certificate chain and private key.
    static func identity(path: String, type: StoreType, password: String?, keyPassword: String?) throws -> Identity {
        let bytes = try readFile(path, store: "keystore")
        let failure = { (reason: String) in
            TLSSettingsError("Failed to load SSL keystore \(path) of type \(type.rawValue): \(reason)")
        }
        if JavaKeyStore.looksLikeJavaKeyStore(bytes) {
            throw failure(jksKeystoreReason(bytes, path: path, password: password))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if type == .pem || PEMBlock.all(in: text).contains(where: \.isPrivateKey) {
            // A PEM keystore's key is protected by ssl.key.password (KIP-651); the store password is a fallback.
            return try pemIdentity(
                keyText: text, chainText: text, keyPassword: keyPassword ?? password, keyName: "ssl.key.password",
                failure: failure)
        }
        if type == .jks, !PKCS12Truststore.looksLikePKCS12(bytes) {
            throw failure("not a JKS keystore (no 0xFEEDFEED magic number) and not PKCS12 or PEM either")
        }
        guard PKCS12Probe.hasPrivateKey(bytes) else { throw failure("it holds no private key") }
        let bundle = try pkcs12Bundle(bytes, password: password, failure: failure)
        return Identity(chain: bundle.certificateChain, key: bundle.privateKey)
    }

    /// `ssl.keystore.key` and `ssl.keystore.certificate.chain`: inline PEM (KIP-651).
    static func inlineIdentity(key: String, chain: String, keyPassword: String?) throws -> Identity {
        let failure = { (reason: String) in
            TLSSettingsError("Invalid SSL keystore in ssl.keystore.key / ssl.keystore.certificate.chain: \(reason)")
        }
        return try pemIdentity(
            keyText: key, chainText: chain, keyPassword: keyPassword, keyName: "ssl.key.password", failure: failure)
    }

    /// Why a JKS file cannot serve as a keystore, with the conversion that fixes it.
    private static func jksKeystoreReason(_ bytes: [UInt8], path: String, password: String?) -> String {
        let store: JavaKeyStore
        do {
            store = try JavaKeyStore(bytes: bytes, password: password)
        } catch {
            return error.reason
        }
        let fix =
            "convert it with `keytool -importkeystore -srckeystore \(path) -destkeystore \(path).p12 "
            + "-deststoretype PKCS12` and set ssl.keystore.type=PKCS12 and ssl.keystore.location=\(path).p12"
        guard !store.privateKeys.isEmpty else { return "it holds no private key entry" }
        return "private keys in JKS keystores are not read here; \(fix)"
    }

    private static func pemIdentity(
        keyText: String, chainText: String, keyPassword: String?, keyName: String,
        failure: (String) -> TLSSettingsError
    ) throws -> Identity {
        let keyBlocks = PEMBlock.all(in: keyText).filter(\.isPrivateKey)
        guard let keyBlock = keyBlocks.first else { throw failure("no PEM private key found") }
        guard keyBlocks.count == 1 else { throw failure("more than one private key found") }
        let chain = try pemCertificates(chainText, failure: failure)
        guard !chain.isEmpty else { throw failure("no certificate chain found") }
        let key: NIOSSLPrivateKey
        do {
            // Always answer the passphrase callback: without one BoringSSL would prompt on the terminal.
            let passphrase = Array((keyPassword ?? "").utf8)
            key = try NIOSSLPrivateKey(bytes: Array(keyBlock.canonicalText.utf8), format: .pem) { setter in
                setter(passphrase)
            }
        } catch {
            if keyBlock.isEncrypted {
                throw failure(keyPassword == nil ? "the private key is encrypted and \(keyName) is not set" : "wrong \(keyName)")
            }
            throw failure("the private key could not be read (PEM keys must be PKCS#8)")
        }
        return Identity(chain: chain, key: key)
    }

    // MARK: - Shared

    private static func pemCertificates(_ text: String, failure: (String) -> TLSSettingsError) throws
        -> [NIOSSLCertificate]
    {
        try PEMBlock.all(in: text).filter(\.isCertificate).map { block in
            do {
                return try NIOSSLCertificate(bytes: Array(block.canonicalText.utf8), format: .pem)
            } catch {
                throw failure("it holds a PEM certificate that could not be read")
            }
        }
    }

    private static func pkcs12Bundle(_ bytes: [UInt8], password: String?, failure: (String) -> TLSSettingsError) throws
        -> NIOSSLPKCS12Bundle
    {
        do {
            return try NIOSSLPKCS12Bundle(buffer: bytes, passphrase: password.map { Array($0.utf8) })
        } catch {
            let text = "\(error)"
            if text.contains("INCORRECT_PASSWORD") || text.contains("BAD_DECRYPT") {
                throw failure(password == nil ? "the store is protected by a password and none is set" : "wrong password")
            }
            throw failure("not a PKCS12 file, or the password is wrong")
        }
    }

    private static func readFile(_ path: String, store: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TLSSettingsError("Failed to load SSL \(store) \(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TLSSettingsError("Failed to load SSL \(store) \(path): the file cannot be read")
        }
        return Array(data)
    }
}

/// Looks into a PKCS#12 file without decrypting it. NIOSSLPKCS12Bundle traps on a bundle without a private key,
/// so that case must be caught first; key bags sit in an unencrypted content of every PKCS#12 writer we know
/// (openssl, keytool), so their object identifier shows in the DER bytes.
enum PKCS12Probe {
    /// DER of the OIDs 1.2.840.113549.1.12.10.1.1 (keyBag) and .2 (pkcs8ShroudedKeyBag), without the last byte.
    private static let keyBagPrefix: [UInt8] = [0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01]

    static func hasPrivateKey(_ bytes: [UInt8]) -> Bool {
        let prefix = keyBagPrefix
        guard bytes.count > prefix.count else { return false }
        for start in 0..<(bytes.count - prefix.count) where bytes[start] == prefix[0] {
            if bytes[start..<start + prefix.count].elementsEqual(prefix),
                bytes[start + prefix.count] == 1 || bytes[start + prefix.count] == 2
            {
                return true
            }
        }
        return false
    }
}
