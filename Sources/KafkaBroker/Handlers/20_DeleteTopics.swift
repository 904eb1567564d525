import KafkaProtocol

// DeleteTopics: v0–v6
//
// Behaviour:
// * delete.topic.enable=false answers TOPIC_DELETION_DISABLED for every topic, as Apache's controller does.
// * An unknown name is UNKNOWN_TOPIC_OR_PARTITION, an unknown id UNKNOWN_TOPIC_ID; a topic named twice (by name or
//   by id) is INVALID_REQUEST ("Duplicate topic name." / "Duplicate topic id.").
// * With an authorizer: DELETE on the cluster or the topic, else TOPIC_AUTHORIZATION_FAILED; a name the principal
//   may not DESCRIBE gets it whether the topic exists or not.
// * Deletion is immediate: the partition dirs are renamed to `-delete` and removed, the config overrides dropped.
//
// Version notes:
// * v1: ThrottleTimeMs
// * v4: flexible
// * v5: ErrorMessage
// * v6: topics by name or id (Topics replaces TopicNames); TopicId in the response
public struct DeleteTopicsHandler: RequestHandler {
    public typealias Request = DeleteTopicsRequest
    public static let versions: ClosedRange<Int16> = 0...6

    public init() {}

    public func handle(header: RequestHeader, request: DeleteTopicsRequest, context: RequestContext) async
        -> DeleteTopicsResponse
    {
        let version = header.requestApiVersion
        let wanted: [(name: String?, id: KafkaUUID)] =
            version >= 6 ? request.topics.map { ($0.name, $0.topicId) } : request.topicNames.map { ($0, .zero) }
        var response = DeleteTopicsResponse()
        let clusterDelete = context.authorizeCluster(.delete, logIfDenied: false)
        var seenNames: [String: Int] = [:]
        var seenIds: [KafkaUUID: Int] = [:]
        for entry in wanted {
            if let name = entry.name { seenNames[name, default: 0] += 1 } else { seenIds[entry.id, default: 0] += 1 }
        }
        for entry in wanted {
            var result = DeleteTopicsResponse.DeletableTopicResult(name: entry.name, topicId: entry.id)
            if let problem = await delete(
                entry, duplicates: (seenNames, seenIds), clusterDelete: clusterDelete, context: context)
            {
                result.errorCode = problem.code.rawValue
                result.errorMessage = version >= 5 ? problem.message : nil
            } else if entry.name == nil, version >= 6 {
                result.name = nil
            }
            response.responses.append(result)
        }
        return response
    }

    /// Deletes one topic; the error to report, or nil.
    private func delete(
        _ entry: (name: String?, id: KafkaUUID), duplicates: ([String: Int], [KafkaUUID: Int]), clusterDelete: Bool,
        context: RequestContext
    ) async -> AdminError? {
        let manager = context.topicManager
        if let name = entry.name, duplicates.0[name, default: 0] > 1 {
            return AdminError(.invalidRequest, "Duplicate topic name.")
        }
        if entry.name == nil, duplicates.1[entry.id, default: 0] > 1 {
            return AdminError(.invalidRequest, "Duplicate topic id.")
        }
        let refused = AdminError(.topicAuthorizationFailed, AuthorizationText.topic)
        // A name the principal may not DESCRIBE is refused before its existence is looked at.
        if let name = entry.name, !clusterDelete, !context.authorize(.describe, .topic, name) { return refused }
        let topic: TopicMetadata?
        if let name = entry.name {
            topic = await manager.topic(named: name)
            if topic == nil {
                return AdminError(.unknownTopicOrPartition, "This server does not host this topic-partition.")
            }
        } else {
            topic = await manager.topic(id: entry.id)
            if topic == nil { return AdminError(.unknownTopicId, "This server does not host this topic ID.") }
        }
        guard context.config.deleteTopicEnable else {
            return AdminError(.topicDeletionDisabled, "Topic deletion is disabled.")
        }
        guard let topic else { return nil }
        guard clusterDelete || context.authorize(.delete, .topic, topic.name) else { return refused }
        do {
            try await manager.deleteTopic(topic.name)
        } catch {
            return AdminError(.unknownServerError, "\(error)")
        }
        return nil
    }
}
