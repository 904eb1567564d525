import KafkaSecurity
import NIOSSL
import SwiftASN1
import X509

/// The principal of a mutual-TLS connection as Kafka's `DefaultKafkaPrincipalBuilder` makes it: `User:` and the
/// client certificate's subject in the RFC 2253 form of Java's `X500Principal.getName()`, e.g.
/// `User:CN=client,OU=test,O=org` (last RDN first; the RFC 2253 keywords, other attributes as `OID=#hex`).
enum CertificatePrincipal {
    static func principal(of certificate: NIOSSLCertificate) -> KafkaPrincipal {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else {
            return .anonymous
        }
        return KafkaPrincipal(name: rfc2253(parsed.subject))
    }

    /// Java's keywords for `getName()` (RFC 2253 plus DC and UID); anything else is written as its OID.
    private static let keywords: [ASN1ObjectIdentifier: String] = [
        [2, 5, 4, 3]: "CN", [2, 5, 4, 6]: "C", [2, 5, 4, 7]: "L", [2, 5, 4, 8]: "ST", [2, 5, 4, 10]: "O",
        [2, 5, 4, 11]: "OU", [2, 5, 4, 9]: "STREET", [0, 9, 2342, 19_200_300, 100, 1, 25]: "DC",
        [0, 9, 2342, 19_200_300, 100, 1, 1]: "UID",
    ]

    static func rfc2253(_ name: DistinguishedName) -> String {
        name.reversed().map { rdn in
            rdn.map { attribute in
                if let keyword = keywords[attribute.type], let text = String(attribute.value) {
                    return "\(keyword)=\(escape(text))"
                }
                return "\(attribute.type)=#\(hexDER(attribute.value))"
            }.joined(separator: "+")
        }.joined(separator: ",")
    }

    /// RFC 2253 escaping as Java does it: the special characters anywhere, and a leading or trailing space.
    static func escape(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let edgeSpace = character == " " && (index == 0 || index == characters.count - 1)
            if edgeSpace || ",=+<>#;\"\\".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    private static func hexDER(_ value: RelativeDistinguishedName.Attribute.Value) -> String {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(ASN1Any(value))) != nil else { return "" }
        let digits = Array("0123456789abcdef")
        return String(serializer.serializedBytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }
}
