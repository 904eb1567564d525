import KafkaProtocol

// DeleteAcls: v0–v3
//
// Behaviour (AclApis.handleDeleteAcls, AclControlManager.deleteAcls):
// * Needs ALTER on the cluster → CLUSTER_AUTHORIZATION_FAILED for every filter; no authorizer configured →
//   SECURITY_DISABLED ("No Authorizer is configured.").
// * Each filter answers the ACLs it matched before the request (an ACL matched by two filters is listed by
//   both); all of them are removed together, written to the log dir before the answer. A filter with an UNKNOWN
//   field → INVALID_REQUEST ("Unknown patternFilter." / "Unknown entryFilter.").
//
// Version notes:
// * v0: LITERAL only (ANY is taken as LITERAL, others → UNSUPPORTED_VERSION); v1: PatternTypeFilter;
//   v2: flexible; v3: USER resources
public struct DeleteAclsHandler: RequestHandler {
    public typealias Request = DeleteAclsRequest
    public static let versions: ClosedRange<Int16> = 0...3

    public init() {}

    public func handle(header: RequestHeader, request: DeleteAclsRequest, context: RequestContext) async
        -> DeleteAclsResponse
    {
        var response = DeleteAclsResponse()
        let authorizer: Authorizer
        switch context.aclAuthorizer(requiring: .alter, disabledText: AuthorizationText.noAuthorizer) {
        case .success(let found): authorizer = found
        case .failure(let refusal):
            response.filterResults = request.filters.map { _ in
                .init(errorCode: refusal.code.rawValue, errorMessage: refusal.message)
            }
            return response
        }
        var results: [DeleteAclsResponse.DeleteAclsFilterResult] = []
        var valid: [(index: Int, filter: AclBindingFilter)] = []
        for (index, raw) in request.filters.enumerated() {
            var filter = AclBindingFilter(
                resourceType: AclResourceType(code: raw.resourceTypeFilter), name: raw.resourceNameFilter,
                patternType: AclPatternType(code: raw.patternTypeFilter), principal: raw.principalFilter,
                host: raw.hostFilter, operation: AclOperation(code: raw.operation),
                permission: AclPermissionType(code: raw.permissionType))
            if header.requestApiVersion == 0, filter.patternType == .any { filter.patternType = .literal }
            if header.requestApiVersion == 0, filter.patternType != .literal {
                results.append(
                    .init(
                        errorCode: ErrorCode.unsupportedVersion.rawValue,
                        errorMessage: "Version 0 only supports literal resource pattern types"))
            } else if let reason = filter.invalidReason {
                results.append(.init(errorCode: ErrorCode.invalidRequest.rawValue, errorMessage: reason))
            } else {
                results.append(.init(errorCode: 0, errorMessage: nil))
                valid.append((index, filter))
            }
        }
        do {
            let matched = try await authorizer.delete(valid.map(\.filter))
            for ((index, _), bindings) in zip(valid, matched) {
                results[index].matchingAcls = bindings.map(Self.describe)
            }
        } catch {
            for (index, _) in valid {
                results[index] = .init(errorCode: ErrorCode.unknownServerError.rawValue, errorMessage: "\(error)")
            }
        }
        response.filterResults = results
        return response
    }

    static func describe(_ binding: AclBinding) -> DeleteAclsResponse.DeleteAclsMatchingAcl {
        DeleteAclsResponse.DeleteAclsMatchingAcl(
            errorCode: 0, errorMessage: nil, resourceType: binding.pattern.resourceType.rawValue,
            resourceName: binding.pattern.name, patternType: binding.pattern.patternType.rawValue,
            principal: binding.entry.principal, host: binding.entry.host, operation: binding.entry.operation.rawValue,
            permissionType: binding.entry.permission.rawValue)
    }
}
