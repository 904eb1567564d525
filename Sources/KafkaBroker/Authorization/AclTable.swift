/// The ACLs in force and Kafka's decision rules over them (StandardAuthorizerData), as a value: the authorizer
/// swaps whole tables, so a check never sees half a change.
struct AclTable: Sendable {
    enum Decision: Sendable, Equatable {
        case allowed
        case denied
        /// No ACL at all names the resource: `allow.everyone.if.no.acl.found` decides.
        case noAcls
    }

    /// In creation order, without duplicates.
    private(set) var bindings: [AclBinding] = []
    private var byType: [AclResourceType: [AclBinding]] = [:]

    init(_ bindings: [AclBinding] = []) {
        for binding in bindings { add(binding) }
    }

    /// Adds an ACL; false when it was there already (creating it again is not an error in Kafka).
    @discardableResult
    mutating func add(_ binding: AclBinding) -> Bool {
        guard !(byType[binding.pattern.resourceType]?.contains(binding) ?? false) else { return false }
        bindings.append(binding)
        byType[binding.pattern.resourceType, default: []].append(binding)
        return true
    }

    mutating func remove(_ doomed: Set<AclBinding>) {
        guard !doomed.isEmpty else { return }
        bindings.removeAll { doomed.contains($0) }
        for type in byType.keys { byType[type]?.removeAll { doomed.contains($0) } }
    }

    func matching(_ filter: AclBindingFilter) -> [AclBinding] {
        bindings.filter(filter.matches)
    }

    /// Kafka's rule: a matching DENY wins, then a matching ALLOW; an ACL on the resource that does not match the
    /// request still means "denied" rather than "no ACLs".
    func decide(principal: String, host: String, _ operation: AclOperation, _ type: AclResourceType, _ name: String)
        -> Decision
    {
        var allowed = false
        var resourceHasAcls = false
        for acl in byType[type] ?? [] where acl.pattern.covers(name) {
            resourceHasAcls = true
            let entry = acl.entry
            guard entry.principal == principal || entry.principal == AccessControlEntry.wildcardPrincipal,
                entry.host == AccessControlEntry.wildcardHost || entry.host == host
            else { continue }
            switch entry.permission {
            case .deny where entry.operation == .all || entry.operation == operation: return .denied
            case .allow where entry.operation.allowGrants(operation): allowed = true
            default: break
            }
        }
        if allowed { return .allowed }
        return resourceHasAcls ? .denied : .noAcls
    }

    /// Whether some ALLOW ACL lets the principal do `operation` on some resource of `type` that no DENY covers
    /// (Kafka's default Authorizer.authorizeByResourceType, used by InitProducerId for idempotent producers).
    func allowsSome(principal: String, host: String, _ operation: AclOperation, _ type: AclResourceType) -> Bool {
        var deniedLiterals: Set<String> = []
        var deniedPrefixes: Set<String> = []
        var allowedLiterals: [String] = []
        var allowedPrefixes: [String] = []
        for acl in byType[type] ?? [] {
            let entry = acl.entry
            guard entry.host == AccessControlEntry.wildcardHost || entry.host == host,
                entry.principal == principal || entry.principal == AccessControlEntry.wildcardPrincipal,
                entry.operation == operation || entry.operation == .all
            else { continue }
            let name = acl.pattern.name
            switch (entry.permission, acl.pattern.patternType) {
            case (.deny, .literal):
                if name == ResourcePattern.wildcard { return false }
                deniedLiterals.insert(name)
            case (.deny, .prefixed): deniedPrefixes.insert(name)
            case (.allow, .literal):
                if name == ResourcePattern.wildcard { return true }
                allowedLiterals.append(name)
            case (.allow, .prefixed): allowedPrefixes.append(name)
            default: break
            }
        }
        // An allowed name survives unless a DENY names it exactly (literal) or covers it with a prefix.
        func prefixDenied(_ name: String) -> Bool {
            var prefix = ""
            for character in name {
                prefix.append(character)
                if deniedPrefixes.contains(prefix) { return true }
            }
            return false
        }
        for name in allowedLiterals where !deniedLiterals.contains(name) && !prefixDenied(name) { return true }
        for name in allowedPrefixes where !prefixDenied(name) { return true }
        return false
    }
}
