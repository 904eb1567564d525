/// `security.protocol` (clients) and the values of `listener.security.protocol.map` (broker).
public enum SecurityProtocol: String, Sendable, Hashable, CaseIterable {
    case plaintext = "PLAINTEXT"
    case ssl = "SSL"
    case saslPlaintext = "SASL_PLAINTEXT"
    case saslSSL = "SASL_SSL"

    public var usesTLS: Bool { self == .ssl || self == .saslSSL }
    public var usesSASL: Bool { self == .saslPlaintext || self == .saslSSL }

    /// Case-insensitive, as Kafka's `CaseInsensitiveValidString` reads it.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    /// Kafka's wording for a value that names no protocol.
    public static func invalidValueMessage(_ value: String, key: String = "security.protocol") -> String {
        let names = allCases.map(\.rawValue).joined(separator: ", ")
        return "Invalid value \(value) for configuration \(key): String must be one of (case insensitive): \(names)"
    }
}
