import KafkaProtocol

// DescribeAcls: v0–v3
//
// Behaviour (AclApis.handleDescribeAcls):
// * Needs DESCRIBE on the cluster → CLUSTER_AUTHORIZATION_FAILED; no authorizer configured → SECURITY_DISABLED
//   ("No Authorizer is configured on the broker").
// * The ACLs matching the filter, grouped by resource pattern (sorted by type, pattern type and name; ACLs in
//   creation order). A filter with an UNKNOWN field (or a code this broker does not know) → INVALID_REQUEST.
//
// Version notes:
// * v0: no pattern type (LITERAL; ANY is taken as LITERAL, others are refused as in Kafka)
// * v1: PatternTypeFilter; v2: flexible; v3: USER resources
public struct DescribeAclsHandler: RequestHandler {
    public typealias Request = DescribeAclsRequest
    public static let versions: ClosedRange<Int16> = 0...3

    public init() {}

    public func handle(header: RequestHeader, request: DescribeAclsRequest, context: RequestContext) async
        -> DescribeAclsResponse
    {
        var response = DescribeAclsResponse()
        response.errorMessage = nil
        let authorizer: Authorizer
        switch context.aclAuthorizer(requiring: .describe, disabledText: AuthorizationText.noAuthorizerOnBroker) {
        case .success(let found): authorizer = found
        case .failure(let refusal): return refuse(refusal.code, refusal.message)
        }
        var filter = AclBindingFilter(
            resourceType: AclResourceType(code: request.resourceTypeFilter), name: request.resourceNameFilter,
            patternType: AclPatternType(code: request.patternTypeFilter), principal: request.principalFilter,
            host: request.hostFilter, operation: AclOperation(code: request.operation),
            permission: AclPermissionType(code: request.permissionType))
        if header.requestApiVersion == 0 {
            if filter.patternType == .any { filter.patternType = .literal }
            guard filter.patternType == .literal else {
                return refuse(.unsupportedVersion, "Version 0 only supports literal resource pattern types")
            }
        }
        if filter.invalidReason != nil {
            return refuse(.invalidRequest, "DescribeAclsRequest contains UNKNOWN elements")
        }
        var byPattern: [ResourcePattern: [AclBinding]] = [:]
        for binding in authorizer.acls(matching: filter) { byPattern[binding.pattern, default: []].append(binding) }
        response.resources = byPattern.keys.sorted(by: Self.order).map { pattern in
            DescribeAclsResponse.DescribeAclsResource(
                resourceType: pattern.resourceType.rawValue, resourceName: pattern.name,
                patternType: pattern.patternType.rawValue,
                acls: (byPattern[pattern] ?? []).map {
                    DescribeAclsResponse.AclDescription(
                        principal: $0.entry.principal, host: $0.entry.host, operation: $0.entry.operation.rawValue,
                        permissionType: $0.entry.permission.rawValue)
                })
        }
        return response
    }

    private func refuse(_ code: ErrorCode, _ message: String) -> DescribeAclsResponse {
        var response = DescribeAclsResponse()
        response.errorCode = code.rawValue
        response.errorMessage = message
        return response
    }

    static func order(_ a: ResourcePattern, _ b: ResourcePattern) -> Bool {
        (a.resourceType, a.patternType, a.name) < (b.resourceType, b.patternType, b.name)
    }
}
