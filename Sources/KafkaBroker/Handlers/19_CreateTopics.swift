import KafkaProtocol

// CreateTopics: v0–v7
//
// Behaviour (Apache's KRaft controller rules and messages):
// * Names: Apache's legal-name rules, and a name that differs from an existing topic only by '.' vs '_' is
//   INVALID_TOPIC_EXCEPTION ("Topic 'a.b' collides with existing topic: a_b"). A name twice in one request is
//   INVALID_REQUEST for both.
// * NumPartitions / ReplicationFactor -1 mean num.partitions / default.replication.factor. Partitions must be ≥ 1
//   (INVALID_PARTITIONS); a factor above 1 cannot be met by one broker (INVALID_REPLICATION_FACTOR).
// * Manual assignments need -1 for both counts, consecutive partition ids from 0, and only this node.
// * Configs: known topic config names, valid values (INVALID_CONFIG with Apache's ConfigException text).
// * With an authorizer: CREATE on the cluster or the topic, else TOPIC_AUTHORIZATION_FAILED ("Authorization
//   failed."); without DESCRIBE_CONFIGS on the topic the configs are left out (TopicConfigErrorCode 29).
// * validateOnly checks everything and creates nothing (the response still carries what would be created).
//
// Version notes:
// * v1: ErrorMessage; validateOnly
// * v2: ThrottleTimeMs
// * v4: -1 defaults for partitions and replication factor
// * v5: flexible; NumPartitions, ReplicationFactor, Configs, TopicConfigErrorCode in the response
// * v7: TopicId in the response
public struct CreateTopicsHandler: RequestHandler {
    public typealias Request = CreateTopicsRequest
    public static let versions: ClosedRange<Int16> = 0...7

    public init() {}

    public func handle(header: RequestHeader, request: CreateTopicsRequest, context: RequestContext) async
        -> CreateTopicsResponse
    {
        var response = CreateTopicsResponse()
        var counts: [String: Int] = [:]
        for topic in request.topics { counts[topic.name, default: 0] += 1 }
        let clusterCreate = context.authorizeCluster(.create, logIfDenied: false)
        for topic in request.topics {
            if counts[topic.name, default: 0] > 1 {
                response.topics.append(failure(topic.name, .invalidRequest, "Duplicate topic name."))
                continue
            }
            guard clusterCreate || context.authorize(.create, .topic, topic.name) else {
                response.topics.append(failure(topic.name, .topicAuthorizationFailed, "Authorization failed."))
                continue
            }
            response.topics.append(
                await create(topic, validateOnly: request.validateOnly, version: header.requestApiVersion, context: context))
        }
        return response
    }

    private func create(
        _ topic: CreateTopicsRequest.CreatableTopic, validateOnly: Bool, version: Int16, context: RequestContext
    ) async -> CreateTopicsResponse.CreatableTopicResult {
        let manager = context.topicManager
        let plan: TopicPlan
        switch await TopicPlan.make(topic, manager: manager, nodeId: context.nodeId) {
        case .failure(let error): return failure(topic.name, error.code, error.message)
        case .success(let made): plan = made
        }
        var result = CreateTopicsResponse.CreatableTopicResult(
            name: topic.name, errorMessage: nil, numPartitions: plan.partitions, replicationFactor: 1)
        let resolver = await manager.configResolver
        // The resulting configs are shown only with DESCRIBE_CONFIGS on the topic (v5+ reports why not).
        if !context.authorize(.describeConfigs, .topic, topic.name, logIfDenied: false) {
            result.topicConfigErrorCode = ErrorCode.topicAuthorizationFailed.rawValue
            result.configs = nil
        } else {
            result.configs = resolver.resolveAll(overrides: plan.configs).map {
            CreateTopicsResponse.CreatableTopicConfigs(
                name: $0.name, value: $0.value, readOnly: $0.readOnly, configSource: $0.source.rawValue,
                isSensitive: $0.isSensitive)
            }
        }
        if validateOnly { return result }
        do {
            let created = try await manager.createTopic(topic.name, partitions: plan.partitions, configs: plan.configs)
            result.topicId = created.id
        } catch {
            return failure(topic.name, .unknownServerError, "\(error)")
        }
        return result
    }

    private func failure(_ name: String, _ code: ErrorCode, _ message: String) -> CreateTopicsResponse.CreatableTopicResult {
        CreateTopicsResponse.CreatableTopicResult(name: name, errorCode: code.rawValue, errorMessage: message, configs: nil)
    }
}
