/// `authorizer.class.name`, `super.users` and `allow.everyone.if.no.acl.found`. Kafka's two built-in authorizer
/// class names turn the bundled authorizer on (the same semantics for both); any other class cannot be loaded here.
public struct AuthorizerSettings: Sendable, Hashable {
    public static let standardAuthorizer = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
    public static let aclAuthorizer = "kafka.security.authorizer.AclAuthorizer"

    public var className: String
    /// `Type:name` strings, compared as Kafka does (after trimming).
    public var superUsers: Set<String>
    public var allowEveryoneIfNoAclFound: Bool

    public init(className: String = standardAuthorizer, superUsers: Set<String> = [], allowEveryoneIfNoAclFound: Bool = false) {
        self.className = className
        self.superUsers = superUsers
        self.allowEveryoneIfNoAclFound = allowEveryoneIfNoAclFound
    }

    /// nil when no authorizer is configured (the key is absent or empty, Kafka's default).
    init?(reader: ConfigValueReader) throws {
        guard let raw = reader.raw("authorizer.class.name") else { return nil }
        let name = String(raw.trimmingBlanks())
        guard !name.isEmpty else { return nil }
        guard name == Self.standardAuthorizer || name == Self.aclAuthorizer else {
            throw ConfigError.invalidValue(
                key: "authorizer.class.name", value: raw,
                reason: "Class \(name) could not be found. The bundled broker provides \(Self.standardAuthorizer) (and accepts \(Self.aclAuthorizer) as the same)")
        }
        var users: Set<String> = []
        for entry in (reader.raw("super.users") ?? "").split(separator: ";") {
            let user = String(entry.trimmingBlanks())
            guard !user.isEmpty else { continue }
            guard user.contains(":") else {
                throw ConfigError.invalidValue(
                    key: "super.users", value: reader.raw("super.users") ?? "",
                    reason: "expected a string in format principalType:principalName but got \(user)")
            }
            users.insert(user)
        }
        self.init(
            className: name, superUsers: users,
            allowEveryoneIfNoAclFound: try reader.bool("allow.everyone.if.no.acl.found") ?? false)
    }
}
