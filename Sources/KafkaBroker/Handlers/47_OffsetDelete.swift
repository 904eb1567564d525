import KafkaProtocol
import KafkaStorage

// OffsetDelete: v0
//
// Behaviour:
// * Deletes committed offsets of a group (tombstones in `__consumer_offsets`). In an Empty group any partition;
//   in a consumer group with members only partitions of topics no member subscribes to, the others →
//   GROUP_SUBSCRIBED_TO_TOPIC. A non-consumer group with members → NON_EMPTY_GROUP; an unknown group →
//   GROUP_ID_NOT_FOUND; an unknown topic or partition → UNKNOWN_TOPIC_OR_PARTITION.
// * With an authorizer: DELETE on the group (else GROUP_AUTHORIZATION_FAILED) and READ on each topic (else
//   TOPIC_AUTHORIZATION_FAILED for its partitions).
public struct OffsetDeleteHandler: RequestHandler {
    public typealias Request = OffsetDeleteRequest
    public static let versions: ClosedRange<Int16> = 0...0

    public init() {}

    public func handle(header: RequestHeader, request: OffsetDeleteRequest, context: RequestContext) async
        -> OffsetDeleteResponse
    {
        guard context.authorize(.delete, .group, request.groupId) else {
            var refused = OffsetDeleteResponse()
            refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
            return refused
        }
        var known: [TopicPartition] = []
        var local: [[ErrorCode?]] = []
        for topic in request.topics {
            let readable = context.authorize(.read, .topic, topic.name)
            let metadata = await context.topicManager.topic(named: topic.name)
            local.append(
                topic.partitions.map { partition in
                    guard readable else { return .topicAuthorizationFailed }
                    guard let metadata, metadata.partitions.contains(where: { $0.index == partition.partitionIndex }) else {
                        return .unknownTopicOrPartition
                    }
                    known.append(TopicPartition(topic: topic.name, partition: partition.partitionIndex))
                    return nil
                })
        }
        let (error, results) = await context.groupCoordinator.deleteOffsets(groupId: request.groupId, partitions: known)
        var response = OffsetDeleteResponse()
        response.errorCode = error.rawValue
        guard error == .noError else { return response }
        var next = results.makeIterator()
        for (topic, errors) in zip(request.topics, local) {
            var answer = OffsetDeleteResponse.OffsetDeleteResponseTopic()
            answer.name = topic.name
            for (partition, error) in zip(topic.partitions, errors) {
                var entry = OffsetDeleteResponse.OffsetDeleteResponsePartition()
                entry.partitionIndex = partition.partitionIndex
                entry.errorCode = (error ?? next.next() ?? .noError).rawValue
                answer.partitions.append(entry)
            }
            response.topics.append(answer)
        }
        return response
    }
}
