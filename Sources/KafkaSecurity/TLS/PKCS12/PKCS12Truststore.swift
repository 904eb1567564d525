import SwiftASN1

/// The certificates of a PKCS#12 file (RFC 7292), read in-house because NIOSSLPKCS12Bundle traps on a file
/// without a private key, which is what a truststore is. Keys are never decrypted: their bags are only noted.
///
/// `PFX ::= SEQUENCE { version 3, authSafe ContentInfo (data), macData MacData OPTIONAL }`; the data holds an
/// `AuthenticatedSafe ::= SEQUENCE OF ContentInfo`, each `data` (plain SafeContents) or `encryptedData`
/// (SafeContents under PBES2); SafeContents are SafeBags, of which certBags carry DER X.509 certificates.
struct PKCS12Truststore {
    /// DER certificates in file order.
    var certificates: [[UInt8]] = []
    /// Whether a keyBag or pkcs8ShroudedKeyBag was seen (a keystore used as a truststore).
    var holdsPrivateKeys = false

    /// Nested safeContentsBags deeper than this are refused rather than followed.
    private static let maximumNesting = 4

    /// Whether `bytes` parse as a PFX of version 3: what lets a JKS-typed store turn out to be PKCS12.
    static func looksLikePKCS12(_ bytes: [UInt8]) -> Bool {
        guard bytes.first == 0x30, let pfx = try? PFX(bytes) else { return false }
        return pfx.version == 3
    }

    /// Reads the store. With a password the MAC is checked first (as Java does; without one it is skipped) and
    /// encrypted contents are decrypted; without one only unencrypted certificate bags can be read.
    init(bytes: [UInt8], password: String?) throws(PKCS12Error) {
        let pfx: PFX
        do {
            pfx = try PFX(bytes)
        } catch let error as PKCS12Error {
            throw error
        } catch {
            throw .notPKCS12
        }
        guard pfx.version == 3 else { throw .unsupportedVersion(pfx.version) }
        if let password, let mac = pfx.mac, try !mac.verify(pfx.authenticatedSafe, password: password) {
            throw .integrityCheckFailed
        }
        do {
            let root = try BER.parse(pfx.authenticatedSafe)
            for node in try PKCS12ASN1.elements(of: root) {
                try read(contentInfo: PKCS12ContentInfo(node), password: password)
            }
        } catch let error as PKCS12Error {
            throw error
        } catch {
            throw .malformed("invalid ASN.1")
        }
    }

    private mutating func read(contentInfo: PKCS12ContentInfo, password: String?) throws {
        switch contentInfo.contentType {
        case PKCS12OID.data:
            try read(safeContents: contentInfo.dataBytes(), depth: 0)
        case PKCS12OID.encryptedData:
            guard let content = contentInfo.content else {
                throw PKCS12Error.malformed("an encrypted content is empty")
            }
            let plaintext = try PKCS12EncryptedData(content).decrypt(password: password)
            do {
                try read(safeContents: plaintext[...], depth: 0)
            } catch {
                // Padding can come out right by chance under a wrong password; the garbage then fails to parse.
                throw PKCS12Error.integrityCheckFailed
            }
        default:
            // envelopedData (public-key privacy mode) and the like: no truststore writer uses them.
            throw PKCS12Error.unsupportedAlgorithm(kind: "content type", oid: contentInfo.contentType.description)
        }
    }

    /// `SafeContents ::= SEQUENCE OF SafeBag`, `SafeBag ::= SEQUENCE { bagId, bagValue [0] EXPLICIT ANY, attributes }`.
    private mutating func read(safeContents: ArraySlice<UInt8>, depth: Int) throws {
        guard depth <= Self.maximumNesting else { throw PKCS12Error.malformed("safe contents nested too deeply") }
        let bags = try PKCS12ASN1.elements(of: BER.parse(safeContents))
        for bag in bags {
            let (bagID, value) = try BER.sequence(bag, identifier: .sequence) { nodes in
                let bagID = try ASN1ObjectIdentifier(berEncoded: &nodes)
                let value = try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
                PKCS12ASN1.skipRest(&nodes)  // bag attributes: friendlyName, localKeyId, Java's trustedKeyUsage
                return (bagID, value)
            }
            switch bagID {
            case PKCS12OID.certBag:
                if let certificate = try Self.x509Certificate(inCertBag: value) { certificates.append(certificate) }
            case PKCS12OID.keyBag, PKCS12OID.shroudedKeyBag:
                holdsPrivateKeys = true
            case PKCS12OID.safeContentsBag:
                try read(safeContents: value.encodedBytes, depth: depth + 1)
            default:
                break  // CRL and secret bags: nothing to trust
            }
        }
    }

    /// `CertBag ::= SEQUENCE { certId, certValue [0] EXPLICIT ANY }`; only x509Certificate (a DER OCTET STRING)
    /// is trusted, SDSI certificates are skipped.
    private static func x509Certificate(inCertBag node: ASN1Node) throws -> [UInt8]? {
        try BER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let value = try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            guard type == PKCS12OID.x509Certificate else { return nil }
            return Array(try PKCS12ASN1.octetString(value))
        }
    }
}

/// The outer PFX: its version, the AuthenticatedSafe's octets (the MAC's input) and the MacData.
private struct PFX {
    var version: Int
    var authenticatedSafe: ArraySlice<UInt8>
    var mac: PKCS12MAC?

    init(_ bytes: [UInt8]) throws {
        (version, authenticatedSafe, mac) = try BER.sequence(BER.parse(bytes), identifier: .sequence) { nodes in
            let version = try Int(berEncoded: &nodes)
            // Public-key integrity mode (signedData) is not written by keytool or openssl; dataBytes refuses it.
            let authSafe = try PKCS12ContentInfo(try PKCS12ASN1.next(&nodes, "the authenticated safe")).dataBytes()
            let mac = try nodes.next().map { try PKCS12MAC($0) }
            return (version, authSafe, mac)
        }
    }
}
