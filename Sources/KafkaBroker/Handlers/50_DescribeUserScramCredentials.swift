import KafkaProtocol
import KafkaSecurity

// DescribeUserScramCredentials: v0
//
// Behaviour (KRaft's ScramImage.describe):
// * No users (null or empty list): every user with a credential, each with its mechanisms and iterations.
// * A named user without credentials: RESOURCE_NOT_FOUND; a user named twice: DUPLICATE_RESOURCE (once).
// * Never returns salts or keys. Needs DESCRIBE on CLUSTER (else a top-level CLUSTER_AUTHORIZATION_FAILED).
public struct DescribeUserScramCredentialsHandler: RequestHandler {
    public typealias Request = DescribeUserScramCredentialsRequest
    public static let versions: ClosedRange<Int16> = 0...0

    public init() {}

    public func handle(
        header: RequestHeader, request: DescribeUserScramCredentialsRequest, context: RequestContext
    ) async -> DescribeUserScramCredentialsResponse {
        typealias Result = DescribeUserScramCredentialsResponse.DescribeUserScramCredentialsResult
        guard context.authorizeCluster(.describe) else {
            return DescribeUserScramCredentialsResponse(
                errorCode: ErrorCode.clusterAuthorizationFailed.rawValue, errorMessage: AuthorizationText.cluster)
        }
        let stored = context.scramCredentials.all
        var byUser: [String: [DescribeUserScramCredentialsResponse.CredentialInfo]] = [:]
        for (key, credential) in stored {
            byUser[key.user, default: []].append(
                .init(mechanism: ScramMechanismCode.code(of: key.hash), iterations: Int32(clamping: credential.iterations)))
        }
        // Requested names in order, each once, remembering which were repeated.
        var names: [String] = []
        var repeated: Set<String> = []
        if let users = request.users, !users.isEmpty {
            for user in users.map(\.name) {
                if names.contains(user) { repeated.insert(user) } else { names.append(user) }
            }
        } else {
            names = byUser.keys.sorted()
        }
        var response = DescribeUserScramCredentialsResponse()
        response.errorCode = ErrorCode.noError.rawValue
        response.errorMessage = nil
        response.results = names.map { user in
            var result = Result(user: user, errorCode: ErrorCode.noError.rawValue, errorMessage: nil, credentialInfos: [])
            if repeated.contains(user) {
                result.errorCode = ErrorCode.duplicateResource.rawValue
                result.errorMessage = "Cannot describe SCRAM credentials for the same user twice in a single request: \(user)"
            } else if let infos = byUser[user] {
                result.credentialInfos = infos.sorted { $0.mechanism < $1.mechanism }
            } else {
                result.errorCode = ErrorCode.resourceNotFound.rawValue
                result.errorMessage = "Attempt to describe a user credential that does not exist: \(user)"
            }
            return result
        }
        return response
    }
}
