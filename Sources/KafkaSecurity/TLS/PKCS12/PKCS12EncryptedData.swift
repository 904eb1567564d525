import SwiftASN1

/// `EncryptedData ::= SEQUENCE { version, encryptedContentInfo, unprotectedAttrs [1] OPTIONAL }` with
/// `EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT
/// OCTET STRING OPTIONAL }` (RFC 5652 §6.1, §8): how keytool and openssl hide a truststore's certificate bags.
struct PKCS12EncryptedData {
    var algorithm: PKCS12AlgorithmIdentifier
    var ciphertext: ArraySlice<UInt8>

    init(_ node: ASN1Node) throws {
        (algorithm, ciphertext) = try BER.sequence(node, identifier: .sequence) { nodes in
            _ = try Int(berEncoded: &nodes)
            let info = try PKCS12ASN1.next(&nodes, "the encrypted content info")
            PKCS12ASN1.skipRest(&nodes)
            return try BER.sequence(info, identifier: .sequence) { fields in
                _ = try ASN1ObjectIdentifier(berEncoded: &fields)
                let algorithm = try PKCS12AlgorithmIdentifier(try PKCS12ASN1.next(&fields, "the encryption algorithm"))
                let tag = PKCS12ASN1.contextTag(0)
                let ciphertext = try fields.next().map { try PKCS12ASN1.octetString($0, identifier: tag) } ?? []
                return (algorithm, ciphertext)
            }
        }
    }

    /// The SafeContents DER. Legacy ciphers are named even without a password, since no password would help.
    func decrypt(password: String?) throws -> [UInt8] {
        if let name = PKCS12OID.legacyEncryptionNames[algorithm.oid] { throw PKCS12Error.legacyEncryption(name) }
        guard algorithm.oid == PKCS12OID.pbes2 else {
            throw PKCS12Error.unsupportedAlgorithm(kind: "encryption", oid: algorithm.oid.description)
        }
        let scheme = try PBES2(parameters: algorithm.parameters)
        guard let password else { throw PKCS12Error.passwordRequired }
        return try scheme.decrypt(ciphertext, password: password)
    }
}
