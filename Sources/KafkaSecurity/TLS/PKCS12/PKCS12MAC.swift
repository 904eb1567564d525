import Crypto
import SwiftASN1

/// `MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }`: an HMAC over
/// the AuthenticatedSafe, keyed by the RFC 7292 KDF (ID 3) from the password. It is what tells a wrong password.
struct PKCS12MAC {
    var digestAlgorithm: ASN1ObjectIdentifier
    var digest: [UInt8]
    var salt: [UInt8]
    var iterations: Int

    init(_ node: ASN1Node) throws {
        (digestAlgorithm, digest, salt, iterations) = try BER.sequence(node, identifier: .sequence) { nodes in
            let (algorithm, digest) = try BER.sequence(
                try PKCS12ASN1.next(&nodes, "the MAC digest"), identifier: .sequence
            ) { info in
                let algorithm = try PKCS12AlgorithmIdentifier(try PKCS12ASN1.next(&info, "the MAC algorithm"))
                // Digests take no parameters: absent or NULL. The MAC does not cover this field, so check it.
                if let parameters = algorithm.parameters {
                    _ = try ASN1Null(berEncoded: parameters)
                }
                let digest = Array(try PKCS12ASN1.octetString(try PKCS12ASN1.next(&info, "the MAC value")))
                return (algorithm.oid, digest)
            }
            let salt = Array(try PKCS12ASN1.octetString(try PKCS12ASN1.next(&nodes, "the MAC salt")))
            let iterations = try nodes.next().map { try Int(berEncoded: $0) } ?? 1
            return (algorithm, digest, salt, iterations)
        }
    }

    /// Whether the MAC matches `content` under `password`. An empty password is also tried as zero bytes,
    /// since writers disagree on whether "" is encoded with its two-byte terminator.
    func verify(_ content: ArraySlice<UInt8>, password: String) throws(PKCS12Error) -> Bool {
        guard (1...PBES2.maximumIterations).contains(iterations) else { throw .iterationCountOutOfRange(iterations) }
        var candidates = [PKCS12KeyDerivation.bmpPassword(password)]
        if password.isEmpty { candidates.append([]) }
        for candidate in candidates where try matches(content, password: candidate) { return true }
        return false
    }

    private func matches(_ content: ArraySlice<UInt8>, password: [UInt8]) throws(PKCS12Error) -> Bool {
        switch digestAlgorithm {
        case PKCS12OID.sha1: matches(Insecure.SHA1.self, content, password)
        case PKCS12OID.sha256: matches(SHA256.self, content, password)
        case PKCS12OID.sha384: matches(SHA384.self, content, password)
        case PKCS12OID.sha512: matches(SHA512.self, content, password)
        default: throw .unsupportedAlgorithm(kind: "MAC", oid: digestAlgorithm.description)
        }
    }

    private func matches<H: HashFunction>(_ hash: H.Type, _ content: ArraySlice<UInt8>, _ password: [UInt8]) -> Bool {
        let key = PKCS12KeyDerivation.derive(
            hash, id: PKCS12KeyDerivation.macKeyID, password: password, salt: salt, iterations: iterations,
            count: H.Digest.byteCount)
        return HMAC<H>.isValidAuthenticationCode(digest, authenticating: content, using: SymmetricKey(data: key))
    }
}
