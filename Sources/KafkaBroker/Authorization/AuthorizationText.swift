import KafkaProtocol

/// Kafka's texts for refusals (Errors.java messages and AclApis's wording).
enum AuthorizationText {
    static let topic = "Topic authorization failed."
    static let group = "Group authorization failed."
    static let cluster = "Cluster authorization failed."
    static let transactionalId = "Transactional Id authorization failed."
    static let noAuthorizer = "No Authorizer is configured."
    static let noAuthorizerOnBroker = "No Authorizer is configured on the broker"

    static func message(for code: ErrorCode) -> String? {
        switch code {
        case .topicAuthorizationFailed: topic
        case .groupAuthorizationFailed: group
        case .clusterAuthorizationFailed: cluster
        case .transactionalIdAuthorizationFailed: transactionalId
        default: nil
        }
    }
}
