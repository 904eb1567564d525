/// The SASL mechanisms spoken here. GSSAPI (Kerberos) and OAUTHBEARER are not: a configuration naming them gets
/// a clear error rather than a failed handshake.
public enum SaslMechanism: String, Sendable, Hashable, CaseIterable {
    case plain = "PLAIN"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA512 = "SCRAM-SHA-512"

    /// The SCRAM hash, or nil for PLAIN.
    public var scramHash: ScramHash? {
        switch self {
        case .plain: nil
        case .scramSHA256: .sha256
        case .scramSHA512: .sha512
        }
    }

    /// Mechanism names are case-sensitive in Kafka (`SaslHandshake` compares them exactly).
    public init?(name: String) {
        self.init(rawValue: name)
    }

    public static var supportedNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
