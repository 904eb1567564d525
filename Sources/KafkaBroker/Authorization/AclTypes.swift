/// Kafka's ACL enums with their wire codes (org.apache.kafka.common.acl / .resource). A code this broker does not
/// know decodes as `.unknown`, as Kafka's `fromCode` does, so a request carrying one is refused per entry.

public enum AclResourceType: Int8, Sendable, Hashable, CaseIterable, Comparable {
    case unknown = 0, any = 1, topic = 2, group = 3, cluster = 4, transactionalId = 5, delegationToken = 6, user = 7

    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }

    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .any: "ANY"
        case .topic: "TOPIC"
        case .group: "GROUP"
        case .cluster: "CLUSTER"
        case .transactionalId: "TRANSACTIONAL_ID"
        case .delegationToken: "DELEGATION_TOKEN"
        case .user: "USER"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum AclPatternType: Int8, Sendable, Hashable, CaseIterable, Comparable {
    case unknown = 0, any = 1, match = 2, literal = 3, prefixed = 4

    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }

    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .any: "ANY"
        case .match: "MATCH"
        case .literal: "LITERAL"
        case .prefixed: "PREFIXED"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

public enum AclOperation: Int8, Sendable, Hashable, CaseIterable {
    case unknown = 0, any = 1, all = 2, read = 3, write = 4, create = 5, delete = 6, alter = 7, describe = 8
    case clusterAction = 9, describeConfigs = 10, alterConfigs = 11, idempotentWrite = 12, createTokens = 13
    case describeTokens = 14, twoPhaseCommit = 15

    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }

    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .any: "ANY"
        case .all: "ALL"
        case .read: "READ"
        case .write: "WRITE"
        case .create: "CREATE"
        case .delete: "DELETE"
        case .alter: "ALTER"
        case .describe: "DESCRIBE"
        case .clusterAction: "CLUSTER_ACTION"
        case .describeConfigs: "DESCRIBE_CONFIGS"
        case .alterConfigs: "ALTER_CONFIGS"
        case .idempotentWrite: "IDEMPOTENT_WRITE"
        case .createTokens: "CREATE_TOKENS"
        case .describeTokens: "DESCRIBE_TOKENS"
        case .twoPhaseCommit: "TWO_PHASE_COMMIT"
        }
    }

    /// Whether an ALLOW ACL for `self` grants `requested`: ALL grants everything, READ/WRITE/DELETE/ALTER also
    /// grant DESCRIBE and ALTER_CONFIGS grants DESCRIBE_CONFIGS (StandardAuthorizerData.findResult). A DENY ACL
    /// refuses only its own operation (or everything, for ALL).
    func allowGrants(_ requested: AclOperation) -> Bool {
        if self == .all || self == requested { return true }
        switch requested {
        case .describe: return [.read, .write, .delete, .alter].contains(self)
        case .describeConfigs: return self == .alterConfigs
        default: return false
        }
    }
}

public enum AclPermissionType: Int8, Sendable, Hashable, CaseIterable {
    case unknown = 0, any = 1, deny = 2, allow = 3

    public init(code: Int8) { self = Self(rawValue: code) ?? .unknown }

    public var name: String {
        switch self {
        case .unknown: "UNKNOWN"
        case .any: "ANY"
        case .deny: "DENY"
        case .allow: "ALLOW"
        }
    }
}

/// What an ACL applies to: a literal name (`*` is the wildcard) or a name prefix, of one resource type.
public struct ResourcePattern: Sendable, Hashable {
    public static let wildcard = "*"
    /// The one name of the CLUSTER resource.
    public static let clusterName = "kafka-cluster"

    public var resourceType: AclResourceType
    public var name: String
    public var patternType: AclPatternType

    public init(_ resourceType: AclResourceType, _ name: String, _ patternType: AclPatternType = .literal) {
        self.resourceType = resourceType
        self.name = name
        self.patternType = patternType
    }

    /// Whether the pattern covers the resource `name` of its type.
    func covers(_ resource: String) -> Bool {
        switch patternType {
        case .literal: name == resource || name == Self.wildcard
        case .prefixed: resource.hasPrefix(name)
        default: false
        }
    }
}

/// Who may (or may not) do what from where: `User:alice` or `User:*`, a host IP or `*`.
public struct AccessControlEntry: Sendable, Hashable {
    public static let wildcardPrincipal = "User:*"
    public static let wildcardHost = "*"

    public var principal: String
    public var host: String
    public var operation: AclOperation
    public var permission: AclPermissionType

    public init(principal: String, host: String = "*", operation: AclOperation, permission: AclPermissionType = .allow) {
        self.principal = principal
        self.host = host
        self.operation = operation
        self.permission = permission
    }
}

/// One ACL: a pattern and an entry (Kafka's AclBinding).
public struct AclBinding: Sendable, Hashable, CustomStringConvertible {
    public var pattern: ResourcePattern
    public var entry: AccessControlEntry

    public init(_ pattern: ResourcePattern, _ entry: AccessControlEntry) {
        self.pattern = pattern
        self.entry = entry
    }

    public var description: String {
        "(pattern=ResourcePattern(resourceType=\(pattern.resourceType.name), name=\(pattern.name), patternType=\(pattern.patternType.name)), entry=(principal=\(entry.principal), host=\(entry.host), operation=\(entry.operation.name), permissionType=\(entry.permission.name)))"
    }
}
