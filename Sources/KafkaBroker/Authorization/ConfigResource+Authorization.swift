import KafkaProtocol

extension ConfigResource {
    /// DESCRIBE_CONFIGS or ALTER_CONFIGS on the topic, or on the cluster for the broker resources (KafkaApis and
    /// ControllerApis); nil when allowed.
    func authorizationError(_ operation: AclOperation, context: RequestContext) -> AdminError? {
        switch self {
        case .topic(let name):
            context.authorize(operation, .topic, name)
                ? nil : AdminError(.topicAuthorizationFailed, AuthorizationText.topic)
        case .brokerDefault, .thisBroker:
            context.authorizeCluster(operation)
                ? nil : AdminError(.clusterAuthorizationFailed, AuthorizationText.cluster)
        }
    }
}
