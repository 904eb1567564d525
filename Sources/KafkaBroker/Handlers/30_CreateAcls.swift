import KafkaProtocol

// CreateAcls: v0–v3
//
// Behaviour (AclApis.handleCreateAcls, AclControlManager.validateNewAcl):
// * Needs ALTER on the cluster → CLUSTER_AUTHORIZATION_FAILED for every creation; no authorizer configured →
//   SECURITY_DISABLED ("No Authorizer is configured.").
// * Each creation is checked on its own: a CLUSTER resource not named kafka-cluster, an empty name, an
//   UNKNOWN/ANY resource type, pattern type other than LITERAL/PREFIXED, UNKNOWN/ANY operation or permission, or a
//   principal without a colon → INVALID_REQUEST with Kafka's message. The valid ones are stored together (written
//   to the log dir before the answer); an ACL that exists already is not an error.
//
// Version notes:
// * v0: LITERAL only (another pattern type → UNSUPPORTED_VERSION); v1: ResourcePatternType; v2: flexible;
//   v3: USER resources
public struct CreateAclsHandler: RequestHandler {
    public typealias Request = CreateAclsRequest
    public static let versions: ClosedRange<Int16> = 0...3

    public init() {}

    public func handle(header: RequestHeader, request: CreateAclsRequest, context: RequestContext) async
        -> CreateAclsResponse
    {
        var response = CreateAclsResponse()
        let authorizer: Authorizer
        switch context.aclAuthorizer(requiring: .alter, disabledText: AuthorizationText.noAuthorizer) {
        case .success(let found): authorizer = found
        case .failure(let refusal):
            response.results = request.creations.map { _ in
                .init(errorCode: refusal.code.rawValue, errorMessage: refusal.message)
            }
            return response
        }
        var results: [CreateAclsResponse.AclCreationResult] = []
        var valid: [(index: Int, binding: AclBinding)] = []
        for (index, creation) in request.creations.enumerated() {
            let binding = AclBinding(
                ResourcePattern(
                    AclResourceType(code: creation.resourceType), creation.resourceName,
                    AclPatternType(code: creation.resourcePatternType)),
                AccessControlEntry(
                    principal: creation.principal, host: creation.host, operation: AclOperation(code: creation.operation),
                    permission: AclPermissionType(code: creation.permissionType)))
            if header.requestApiVersion == 0, binding.pattern.patternType != .literal {
                results.append(
                    .init(
                        errorCode: ErrorCode.unsupportedVersion.rawValue,
                        errorMessage: "Version 0 only supports literal resource pattern types"))
            } else if let reason = binding.invalidReason {
                results.append(.init(errorCode: ErrorCode.invalidRequest.rawValue, errorMessage: reason))
            } else {
                results.append(.init(errorCode: 0, errorMessage: nil))
                valid.append((index, binding))
            }
        }
        do {
            try await authorizer.create(valid.map(\.binding))
        } catch {
            for (index, _) in valid {
                results[index] = .init(errorCode: ErrorCode.unknownServerError.rawValue, errorMessage: "\(error)")
            }
        }
        response.results = results
        return response
    }
}
