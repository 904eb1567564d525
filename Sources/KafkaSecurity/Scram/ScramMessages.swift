import Foundation

/// The four SCRAM messages of RFC 5802 as Kafka sends them (no channel binding, gs2 header `n,,`), with their
/// parsers. Both the client and the broker build and read them here, so the two sides cannot drift apart.
public enum ScramMessages {
    public static let gs2Header = "n,,"

    public struct ClientFirst: Sendable, Hashable {
        public var userName: String
        public var nonce: String
        /// SCRAM extensions (Kafka: `tokenauth=true` for delegation tokens).
        public var extensions: [(key: String, value: String)] = []

        public init(userName: String, nonce: String) {
            self.userName = userName
            self.nonce = nonce
        }

        /// `n=<name>,r=<nonce>`: the part that enters the AuthMessage.
        public var bare: String {
            var text = "n=\(ScramMessages.escapeName(userName)),r=\(nonce)"
            for (key, value) in extensions { text += ",\(key)=\(value)" }
            return text
        }

        public var text: String { ScramMessages.gs2Header + bare }

        public static func == (lhs: ClientFirst, rhs: ClientFirst) -> Bool {
            lhs.userName == rhs.userName && lhs.nonce == rhs.nonce && lhs.bare == rhs.bare
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(bare) }

        public init(parsing text: String) throws {
            guard text.hasPrefix("n,") || text.hasPrefix("y,") else {
                throw ScramError.invalidMessage("channel binding is not supported (client-first-message \(text.prefix(2)))")
            }
            let afterFlag = text.dropFirst(2)
            guard let comma = afterFlag.firstIndex(of: ",") else {
                throw ScramError.invalidMessage("invalid client-first-message")
            }
            guard afterFlag[..<comma].isEmpty else {
                throw ScramError.invalidMessage("authorization ids are not supported")
            }
            let attributes = try ScramMessages.attributes(String(afterFlag[afterFlag.index(after: comma)...]))
            guard attributes.count >= 2, attributes[0].key == "n", attributes[1].key == "r" else {
                throw ScramError.invalidMessage("invalid client-first-message")
            }
            self.userName = try ScramMessages.unescapeName(attributes[0].value)
            self.nonce = attributes[1].value
            self.extensions = Array(attributes.dropFirst(2))
            guard !nonce.isEmpty else { throw ScramError.invalidMessage("empty client nonce") }
        }
    }

    public struct ServerFirst: Sendable, Hashable {
        /// The client's nonce followed by the server's.
        public var nonce: String
        public var salt: [UInt8]
        public var iterations: Int

        public init(nonce: String, salt: [UInt8], iterations: Int) {
            self.nonce = nonce
            self.salt = salt
            self.iterations = iterations
        }

        public var text: String { "r=\(nonce),s=\(Data(salt).base64EncodedString()),i=\(iterations)" }

        public init(parsing text: String) throws {
            let attributes = try ScramMessages.attributes(text)
            if let error = attributes.first(where: { $0.key == "e" }) {
                throw ScramError.serverError(error.value)
            }
            guard attributes.count >= 3, attributes[0].key == "r", attributes[1].key == "s", attributes[2].key == "i",
                let salt = Data(base64Encoded: attributes[1].value), let iterations = Int(attributes[2].value)
            else { throw ScramError.invalidMessage("invalid server-first-message") }
            self.init(nonce: attributes[0].value, salt: Array(salt), iterations: iterations)
        }
    }

    public struct ClientFinal: Sendable, Hashable {
        public var nonce: String
        public var proof: [UInt8]
        /// base64 of the gs2 header: `biws` for `n,,`.
        public var channelBinding: String

        public init(nonce: String, proof: [UInt8], channelBinding: String = ClientFinal.noChannelBinding) {
            self.nonce = nonce
            self.proof = proof
            self.channelBinding = channelBinding
        }

        public static let noChannelBinding = Data(ScramMessages.gs2Header.utf8).base64EncodedString()

        /// `c=...,r=...`: the part that enters the AuthMessage.
        public var withoutProof: String { "c=\(channelBinding),r=\(nonce)" }
        public var text: String { "\(withoutProof),p=\(Data(proof).base64EncodedString())" }

        public init(parsing text: String) throws {
            let attributes = try ScramMessages.attributes(text)
            guard attributes.count >= 3, attributes[0].key == "c", attributes[1].key == "r",
                let last = attributes.last, last.key == "p", let proof = Data(base64Encoded: last.value)
            else { throw ScramError.invalidMessage("invalid client-final-message") }
            self.init(nonce: attributes[1].value, proof: Array(proof), channelBinding: attributes[0].value)
        }
    }

    public enum ServerFinal: Sendable, Hashable {
        case verifier([UInt8])
        case error(String)

        public var text: String {
            switch self {
            case .verifier(let signature): "v=\(Data(signature).base64EncodedString())"
            case .error(let message): "e=\(message)"
            }
        }

        public init(parsing text: String) throws {
            let attributes = try ScramMessages.attributes(text)
            guard let first = attributes.first else { throw ScramError.invalidMessage("empty server-final-message") }
            switch first.key {
            case "e": self = .error(first.value)
            case "v":
                guard let signature = Data(base64Encoded: first.value) else {
                    throw ScramError.invalidMessage("invalid server signature")
                }
                self = .verifier(Array(signature))
            default: throw ScramError.invalidMessage("invalid server-final-message")
            }
        }
    }

    /// AuthMessage = client-first-bare "," server-first "," client-final-without-proof.
    public static func authMessage(clientFirst: ClientFirst, serverFirst: ServerFirst, clientFinal: ClientFinal)
        -> [UInt8]
    {
        Array("\(clientFirst.bare),\(serverFirst.text),\(clientFinal.withoutProof)".utf8)
    }

    /// A printable nonce: base64 of 24 random bytes has no commas.
    public static func makeNonce() -> String {
        Data(secureRandomBytes(24)).base64EncodedString()
    }

    static func escapeName(_ name: String) -> String {
        name.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }

    static func unescapeName(_ name: String) throws -> String {
        var result = ""
        var rest = Substring(name)
        while let equals = rest.firstIndex(of: "=") {
            result += rest[..<equals]
            let code = rest[rest.index(after: equals)...].prefix(2)
            switch code {
            case "3D": result += "="
            case "2C": result += ","
            default: throw ScramError.invalidMessage("invalid escape in user name")
            }
            rest = rest[rest.index(equals, offsetBy: 3)...]
        }
        return result + rest
    }

    /// `k=v,k=v`; a value may itself contain `=` (base64 padding).
    static func attributes(_ text: String) throws -> [(key: String, value: String)] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let equals = part.firstIndex(of: "="), part.distance(from: part.startIndex, to: equals) >= 1 else {
                throw ScramError.invalidMessage("invalid SCRAM attribute '\(part)'")
            }
            return (String(part[..<equals]), String(part[part.index(after: equals)...]))
        }
    }
}

public enum ScramError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidMessage(String)
    /// The server answered `e=...`.
    case serverError(String)
    /// The server's signature did not match: it does not know the password (or is not the real server).
    case invalidServerSignature

    public var description: String {
        switch self {
        case .invalidMessage(let reason): "Invalid SCRAM message: \(reason)"
        case .serverError(let reason): "the server refused the SCRAM exchange: \(reason)"
        case .invalidServerSignature: "Invalid server signature in the SCRAM server-final-message"
        }
    }
}
