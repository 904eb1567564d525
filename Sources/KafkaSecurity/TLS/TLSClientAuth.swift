/// `ssl.client.auth` on a broker listener: whether TLS clients must (or may) present a certificate.
public enum TLSClientAuth: String, Sendable, Hashable, CaseIterable {
    case none
    case requested
    case required

    /// Case-insensitive, as Kafka reads it.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    public static func invalidValueMessage(_ value: String, key: String = "ssl.client.auth") -> String {
        "Invalid value \(value) for configuration \(key): String must be one of: required, requested, none"
    }
}
