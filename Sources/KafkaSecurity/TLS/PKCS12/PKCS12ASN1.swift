import SwiftASN1

/// The few ASN.1 shapes PKCS#12 is built from, parsed as BER (DER is a subset) because some writers use
/// indefinite lengths and constructed OCTET STRINGs.
enum PKCS12ASN1 {
    /// The next element of a SEQUENCE, or a malformed-file error naming what was expected.
    static func next(_ nodes: inout ASN1NodeCollection.Iterator, _ what: String) throws -> ASN1Node {
        guard let node = nodes.next() else { throw PKCS12Error.malformed("\(what) is missing") }
        return node
    }

    /// The elements of a SEQUENCE OF.
    static func elements(of node: ASN1Node) throws -> [ASN1Node] {
        try BER.sequence(node, identifier: .sequence) { nodes in
            var elements: [ASN1Node] = []
            while let element = nodes.next() { elements.append(element) }
            return elements
        }
    }

    /// Skips what is left of a SEQUENCE (optional fields this reader does not need, such as bag attributes).
    static func skipRest(_ nodes: inout ASN1NodeCollection.Iterator) {
        while nodes.next() != nil {}
    }

    static func octetString(_ node: ASN1Node, identifier: ASN1Identifier = .octetString) throws -> ArraySlice<UInt8> {
        try ASN1OctetString(berEncoded: node, withIdentifier: identifier).bytes
    }

    static func contextTag(_ number: UInt) -> ASN1Identifier {
        ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific)
    }
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
struct PKCS12AlgorithmIdentifier {
    var oid: ASN1ObjectIdentifier
    var parameters: ASN1Node?

    init(_ node: ASN1Node) throws {
        (oid, parameters) = try BER.sequence(node, identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let parameters = nodes.next()
            return (oid, parameters)
        }
    }
}

/// `ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY OPTIONAL }`.
struct PKCS12ContentInfo {
    var contentType: ASN1ObjectIdentifier
    var content: ASN1Node?

    init(_ node: ASN1Node) throws {
        (contentType, content) = try BER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let content = try BER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            return (type, content)
        }
    }

    /// The octets of a `data` content.
    func dataBytes() throws -> ArraySlice<UInt8> {
        guard contentType == PKCS12OID.data else {
            throw PKCS12Error.unsupportedAlgorithm(kind: "content type", oid: contentType.description)
        }
        guard let content else { throw PKCS12Error.malformed("a data content is empty") }
        return try PKCS12ASN1.octetString(content)
    }
}
