import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// PBES2 (RFC 8018 §6.2) with PBKDF2 and AES-CBC: what JDK 12+ keytool and OpenSSL 3 write by default.
/// The password enters PBKDF2 as its UTF-8 bytes, as both of them encode it.
struct PBES2 {
    /// JDK's PKCS12KeyStore refuses more than this many iterations; a larger count is a hostile file.
    static let maximumIterations = 5_000_000

    var salt: [UInt8]
    var iterations: Int
    var prf: KDF.Insecure.PBKDF2.HashFunction
    var keyByteCount: Int
    var iv: [UInt8]

    /// Parses `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
    /// encryptionScheme AlgorithmIdentifier }`.
    init(parameters: ASN1Node?) throws {
        guard let parameters else { throw PKCS12Error.malformed("PBES2 parameters are missing") }
        let (kdf, scheme) = try BER.sequence(parameters, identifier: .sequence) { nodes in
            (
                try PKCS12AlgorithmIdentifier(try PKCS12ASN1.next(&nodes, "the PBES2 key derivation function")),
                try PKCS12AlgorithmIdentifier(try PKCS12ASN1.next(&nodes, "the PBES2 encryption scheme"))
            )
        }
        switch scheme.oid {
        case PKCS12OID.aes128CBC: keyByteCount = 16
        case PKCS12OID.aes192CBC: keyByteCount = 24
        case PKCS12OID.aes256CBC: keyByteCount = 32
        default:
            if let name = PKCS12OID.legacyEncryptionNames[scheme.oid] { throw PKCS12Error.legacyEncryption(name) }
            throw PKCS12Error.unsupportedAlgorithm(kind: "PBES2 cipher", oid: scheme.oid.description)
        }
        guard let ivNode = scheme.parameters else { throw PKCS12Error.malformed("the AES-CBC IV is missing") }
        iv = Array(try PKCS12ASN1.octetString(ivNode))
        guard iv.count == 16 else { throw PKCS12Error.malformed("the AES-CBC IV is not 16 bytes") }

        guard kdf.oid == PKCS12OID.pbkdf2 else {
            throw PKCS12Error.unsupportedAlgorithm(kind: "PBES2 key derivation", oid: kdf.oid.description)
        }
        guard let kdfParameters = kdf.parameters else { throw PKCS12Error.malformed("PBKDF2 parameters are missing") }
        // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL,
        //                              prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
        let expectedKeyLength = keyByteCount
        (salt, iterations, prf) = try BER.sequence(kdfParameters, identifier: .sequence) { nodes in
            let saltNode = try PKCS12ASN1.next(&nodes, "the PBKDF2 salt")
            guard saltNode.identifier == .octetString else {
                throw PKCS12Error.malformed("PBKDF2 salts from another source are not supported")
            }
            let salt = Array(try PKCS12ASN1.octetString(saltNode))
            let iterations = try Int(berEncoded: try PKCS12ASN1.next(&nodes, "the PBKDF2 iteration count"))
            if let keyLength: Int = try BER.optionalImplicitlyTagged(&nodes, tag: .integer),
                keyLength != expectedKeyLength
            {
                throw PKCS12Error.malformed("the PBKDF2 key length does not fit the cipher")
            }
            let prf = try nodes.next().map { try Self.prf(PKCS12AlgorithmIdentifier($0).oid) } ?? .insecureSHA1
            return (salt, iterations, prf)
        }
        guard (1...Self.maximumIterations).contains(iterations) else {
            throw PKCS12Error.iterationCountOutOfRange(iterations)
        }
    }

    private static func prf(_ oid: ASN1ObjectIdentifier) throws -> KDF.Insecure.PBKDF2.HashFunction {
        switch oid {
        case PKCS12OID.hmacWithSHA1: .insecureSHA1
        case PKCS12OID.hmacWithSHA224: .insecureSHA224
        case PKCS12OID.hmacWithSHA256: .sha256
        case PKCS12OID.hmacWithSHA384: .sha384
        case PKCS12OID.hmacWithSHA512: .sha512
        default: throw PKCS12Error.unsupportedAlgorithm(kind: "PBKDF2 PRF", oid: oid.description)
        }
    }

    /// The plaintext; a wrong password shows as bad padding, reported as a failed integrity check.
    func decrypt(_ ciphertext: ArraySlice<UInt8>, password: String) throws(PKCS12Error) -> [UInt8] {
        guard !ciphertext.isEmpty, ciphertext.count % 16 == 0 else {
            throw .malformed("the encrypted content is not a whole number of AES blocks")
        }
        do {
            // The iteration count is the file's, bounded above; swift-crypto's checked variant demands 210,000+.
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(password.utf8), salt: salt, using: prf, outputByteCount: keyByteCount,
                unsafeUncheckedRounds: iterations)
            return Array(try AES._CBC.decrypt(ciphertext, using: key, iv: try AES._CBC.IV(ivBytes: iv)))
        } catch {
            throw .integrityCheckFailed
        }
    }
}
