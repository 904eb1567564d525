import KafkaSecurity
import KafkaStorage
import Logging
import NIOConcurrencyHelpers

/// The broker's ACL authorizer (Kafka's StandardAuthorizer semantics): super users may do anything; otherwise a
/// matching DENY ACL refuses, a matching ALLOW ACL grants, and a resource without any ACL is refused unless
/// `allow.everyone.if.no.acl.found`. Checks read an immutable table under a lock (no await, no allocation beyond
/// the caller's strings); changes are serialised, written to `<log.dir>/__acls` first and then swapped in.
public final class Authorizer: Sendable {
    public let settings: AuthorizerSettings
    private let table: NIOLockedValueBox<AclTable>
    /// Persists changes; nil keeps them in memory (unit tests).
    private let logManager: LogManager?
    private let mutations = AsyncLock()
    private let auditLog = Logger(label: "kafka.authorizer.logger")

    public init(settings: AuthorizerSettings, acls: [AclBinding] = [], logManager: LogManager? = nil) {
        self.settings = settings
        self.table = NIOLockedValueBox(AclTable(acls))
        self.logManager = logManager
    }

    /// Loads the stored ACLs of the log dir.
    static func open(settings: AuthorizerSettings, logManager: LogManager) async throws -> Authorizer {
        let text: String?
        do {
            text = try await logManager.readAuxiliaryFile(AclFileFormat.fileName)
        } catch {
            throw BrokerStartError(description: "Cannot read the ACLs in \(logManager.logDirectory): \(error)")
        }
        let acls: [AclBinding]
        do {
            acls = try text.map(AclFileFormat.parse) ?? []
        } catch {
            throw BrokerStartError(description: "Cannot load the ACLs in \(logManager.logDirectory): \(error)")
        }
        return Authorizer(settings: settings, acls: acls, logManager: logManager)
    }

    // MARK: Checks

    /// Whether `principal`, connected from `host` (an IP address), may do `operation` on the named resource.
    /// `logIfDenied` is false for checks that only filter what a listing shows (Kafka logs those at trace level).
    public func authorize(
        _ principal: KafkaPrincipal, host: String, _ operation: AclOperation, _ type: AclResourceType, _ name: String,
        logIfDenied: Bool = true
    ) -> Bool {
        let who = principal.description
        if settings.superUsers.contains(who) { return true }
        let decision = table.withLockedValue { $0.decide(principal: who, host: host, operation, type, name) }
        switch decision {
        case .allowed: return true
        case .denied: break
        case .noAcls where settings.allowEveryoneIfNoAclFound: return true
        case .noAcls: break
        }
        if logIfDenied {
            auditLog.info(
                "Principal = \(who) is Denied operation = \(operation.name) from host = \(host) on resource = \(type.auditName):LITERAL:\(name) based on rule \(decision == .noAcls ? "DefaultDeny" : "MatchingAcl")")
        }
        return false
    }

    /// Whether the principal may do `operation` on at least one resource of `type` (Kafka's
    /// authorizeByResourceType): first a check on a made-up name, which lets super users and the "no ACL" default
    /// through, then the ALLOW/DENY pattern comparison.
    public func authorizeAny(_ principal: KafkaPrincipal, host: String, _ operation: AclOperation, _ type: AclResourceType)
        -> Bool
    {
        if authorize(principal, host: host, operation, type, "hardcode", logIfDenied: false) { return true }
        let who = principal.description
        return table.withLockedValue { $0.allowsSome(principal: who, host: host, operation, type) }
    }

    // MARK: ACL administration

    public func acls(matching filter: AclBindingFilter) -> [AclBinding] {
        table.withLockedValue { $0.matching(filter) }
    }

    /// Adds ACLs that the caller validated; existing ones are left as they are.
    public func create(_ bindings: [AclBinding]) async throws {
        try await mutate { table in
            for binding in bindings { table.add(binding) }
            return ()
        }
    }

    /// Removes every ACL matched by any of the filters; answers, per filter, the ACLs it matched.
    public func delete(_ filters: [AclBindingFilter]) async throws -> [[AclBinding]] {
        try await mutate { table in
            let matched = filters.map { table.matching($0) }
            table.remove(Set(matched.joined()))
            return matched
        }
    }

    /// One change at a time: the new table is stored before it is used, so an acknowledged change survives a crash
    /// and a failed write changes nothing.
    private func mutate<T: Sendable>(_ change: @escaping @Sendable (inout AclTable) -> T) async throws -> T {
        try await mutations.withLock {
            var next = self.table.withLockedValue { $0 }
            let result = change(&next)
            if let logManager = self.logManager {
                try await logManager.writeAuxiliaryFile(AclFileFormat.fileName, contents: AclFileFormat.format(next.bindings))
            }
            let updated = next
            self.table.withLockedValue { $0 = updated }
            return result
        }
    }
}

extension AclResourceType {
    /// The name Kafka's audit log and error texts use (SecurityUtils.resourceTypeName).
    var auditName: String {
        switch self {
        case .topic: "Topic"
        case .group: "Group"
        case .cluster: "Cluster"
        case .transactionalId: "TransactionalId"
        case .delegationToken: "DelegationToken"
        case .user: "User"
        case .any: "Any"
        case .unknown: "Unknown"
        }
    }
}
