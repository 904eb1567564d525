import KafkaProtocol

/// The checks handlers make, as KafkaApis's AuthHelper does. Every check passes when no authorizer is configured,
/// at the cost of one nil test.
extension RequestContext {
    public var authorizer: Authorizer? { topicManager.authorizer }

    /// The client's IP address, as ACL hosts name it (`clientAddress` without its port).
    var clientIP: String {
        guard let colon = clientAddress.lastIndex(of: ":") else { return clientAddress }
        return String(clientAddress[..<colon])
    }

    func authorize(_ operation: AclOperation, _ type: AclResourceType, _ name: String, logIfDenied: Bool = true) -> Bool {
        guard let authorizer = topicManager.authorizer else { return true }
        return authorizer.authorize(principal, host: clientIP, operation, type, name, logIfDenied: logIfDenied)
    }

    func authorizeCluster(_ operation: AclOperation, logIfDenied: Bool = true) -> Bool {
        authorize(operation, .cluster, ResourcePattern.clusterName, logIfDenied: logIfDenied)
    }

    /// CREATE on the cluster or on the topic, what creating a topic takes (auto-creation included).
    func mayCreateTopic(_ name: String, logIfDenied: Bool = true) -> Bool {
        authorizeCluster(.create, logIfDenied: false) || authorize(.create, .topic, name, logIfDenied: logIfDenied)
    }

    /// Some resource of `type` allows `operation` (Kafka's authorizeByResourceType).
    func authorizeAny(_ operation: AclOperation, _ type: AclResourceType) -> Bool {
        guard let authorizer = topicManager.authorizer else { return true }
        return authorizer.authorizeAny(principal, host: clientIP, operation, type)
    }

    /// The authorizer for the ACL APIs, which need `operation` on the cluster; otherwise why every entry of the
    /// answer is refused (CLUSTER_AUTHORIZATION_FAILED, or SECURITY_DISABLED with `disabledText` when no
    /// authorizer is configured).
    func aclAuthorizer(requiring operation: AclOperation, disabledText: String) -> Result<Authorizer, AclRefusal> {
        guard authorizeCluster(operation) else {
            return .failure(AclRefusal(code: .clusterAuthorizationFailed, message: AuthorizationText.cluster))
        }
        guard let authorizer else {
            return .failure(AclRefusal(code: .securityDisabled, message: disabledText))
        }
        return .success(authorizer)
    }
}

/// Why an ACL API refuses a whole request.
struct AclRefusal: Error {
    var code: ErrorCode
    var message: String
}
