/// The admin client's SCRAM mechanisms (org.apache.kafka.clients.admin.ScramMechanism), with their wire codes.
public enum ScramMechanism: Int8, Sendable, Hashable, CaseIterable {
    case unknown = 0
    case scramSHA256 = 1
    case scramSHA512 = 2

    /// `SCRAM-SHA-256`, `SCRAM-SHA-512`, or `UNKNOWN`.
    public var mechanismName: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .scramSHA256: "SCRAM-SHA-256"
        case .scramSHA512: "SCRAM-SHA-512"
        }
    }

    /// nil for anything but the two SCRAM mechanism names (compared exactly, as Kafka does).
    public init?(mechanismName: String) {
        switch mechanismName {
        case "SCRAM-SHA-256": self = .scramSHA256
        case "SCRAM-SHA-512": self = .scramSHA512
        default: return nil
        }
    }
}

/// One mechanism a user has credentials for, and its iteration count (never the salt or keys).
public struct ScramCredentialInfo: Sendable, Hashable {
    public var mechanism: ScramMechanism
    public var iterations: Int32

    public init(mechanism: ScramMechanism, iterations: Int32) {
        self.mechanism = mechanism
        self.iterations = iterations
    }
}

/// One user of a DescribeUserScramCredentials answer: its credentials, or the error the broker gave for it
/// (RESOURCE_NOT_FOUND for a named user without credentials).
public struct UserScramCredentialsResult: Sendable, Hashable {
    public var user: String
    public var result: Result<[ScramCredentialInfo], KafkaBrokerError>

    public init(user: String, result: Result<[ScramCredentialInfo], KafkaBrokerError>) {
        self.user = user
        self.result = result
    }
}

/// Sets (adds or replaces) a user's credential for one mechanism. The password never leaves the client: the
/// request carries a fresh salt and the salted password.
public struct UserScramCredentialUpsertion: Sendable, Hashable {
    public var user: String
    public var mechanism: ScramMechanism
    public var iterations: Int32
    public var password: String

    public init(user: String, mechanism: ScramMechanism, iterations: Int32 = 4096, password: String) {
        self.user = user
        self.mechanism = mechanism
        self.iterations = iterations
        self.password = password
    }
}

/// Removes a user's credential for one mechanism.
public struct UserScramCredentialDeletion: Sendable, Hashable {
    public var user: String
    public var mechanism: ScramMechanism

    public init(user: String, mechanism: ScramMechanism) {
        self.user = user
        self.mechanism = mechanism
    }
}
