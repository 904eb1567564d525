/// Which ACLs a DescribeAcls or DeleteAcls filter selects (Kafka's AclBindingFilter). nil name, principal or host
/// match anything; resource type, operation and permission ANY match anything; pattern type ANY matches every
/// pattern with exactly this name, MATCH every pattern that would apply to a resource of this name.
public struct AclBindingFilter: Sendable, Hashable {
    public var resourceType: AclResourceType
    public var name: String?
    public var patternType: AclPatternType
    public var principal: String?
    public var host: String?
    public var operation: AclOperation
    public var permission: AclPermissionType

    public init(
        resourceType: AclResourceType = .any, name: String? = nil, patternType: AclPatternType = .any,
        principal: String? = nil, host: String? = nil, operation: AclOperation = .any, permission: AclPermissionType = .any
    ) {
        self.resourceType = resourceType
        self.name = name
        self.patternType = patternType
        self.principal = principal
        self.host = host
        self.operation = operation
        self.permission = permission
    }

    public static let matchAll = AclBindingFilter()

    /// Kafka refuses filters with an UNKNOWN field (AclControlManager.validateFilter): the message, or nil.
    public var invalidReason: String? {
        if resourceType == .unknown || patternType == .unknown { return "Unknown patternFilter." }
        if operation == .unknown || permission == .unknown { return "Unknown entryFilter." }
        return nil
    }

    public func matches(_ binding: AclBinding) -> Bool {
        matches(binding.pattern) && matches(binding.entry)
    }

    /// ResourcePatternFilter.matches.
    func matches(_ pattern: ResourcePattern) -> Bool {
        if resourceType != .any, resourceType != pattern.resourceType { return false }
        if patternType != .any, patternType != .match, patternType != pattern.patternType { return false }
        guard let name else { return true }
        if patternType == .any || patternType == pattern.patternType { return name == pattern.name }
        return pattern.covers(name)
    }

    /// AccessControlEntryFilter.matches.
    func matches(_ entry: AccessControlEntry) -> Bool {
        if let principal, principal != entry.principal { return false }
        if let host, host != entry.host { return false }
        if operation != .any, operation != entry.operation { return false }
        return permission == .any || permission == entry.permission
    }
}

extension AclBinding {
    /// Why Kafka refuses to create this ACL (AclApis and AclControlManager.validateNewAcl), or nil.
    public var invalidReason: String? {
        if pattern.resourceType == .cluster, pattern.name != ResourcePattern.clusterName {
            return "The only valid name for the CLUSTER resource is \(ResourcePattern.clusterName)"
        }
        if pattern.name.isEmpty { return "Invalid empty resource name" }
        switch pattern.resourceType {
        case .unknown, .any: return "Invalid resourceType \(pattern.resourceType.name)"
        default: break
        }
        switch pattern.patternType {
        case .literal, .prefixed: break
        default: return "Invalid patternType \(pattern.patternType.name)"
        }
        switch entry.operation {
        case .unknown, .any: return "Invalid operation \(entry.operation.name)"
        default: break
        }
        switch entry.permission {
        case .allow, .deny: break
        default: return "Invalid permissionType \(entry.permission.name)"
        }
        if !entry.principal.contains(":") {
            return "Could not parse principal from `\(entry.principal)` (no colon is present separating the principal type from the principal name)"
        }
        return nil
    }
}
