import KafkaProtocol
import KafkaStorage

// OffsetForLeaderEpoch: v2–v4
//
// Behaviour (per partition): the largest epoch not above the requested one and the offset where it ended (the
// log end for the current epoch), from the partition's leader-epoch cache; -1/-1 when the log knows no such epoch.
// A `current_leader_epoch` other than the partition's → FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH; unknown
// topic or partition → UNKNOWN_TOPIC_OR_PARTITION. Consumers (replica id -1 or -2) and followers are answered
// alike. With an authorizer: DESCRIBE on the topic, else TOPIC_AUTHORIZATION_FAILED for its partitions (no
// CLUSTER_ACTION check for followers: there are none).
//
// Version notes:
// * v2: CurrentLeaderEpoch, ThrottleTimeMs (Kafka 4 serves nothing older)
// * v3: ReplicaId
// * v4: flexible
public struct OffsetForLeaderEpochHandler: RequestHandler {
    public typealias Request = OffsetForLeaderEpochRequest
    public static let versions: ClosedRange<Int16> = 2...4

    public init() {}

    public func handle(header: RequestHeader, request: OffsetForLeaderEpochRequest, context: RequestContext) async
        -> OffsetForLeaderEpochResponse
    {
        var response = OffsetForLeaderEpochResponse()
        for topic in request.topics {
            var answer = OffsetForLeaderEpochResponse.OffsetForLeaderTopicResult(topic: topic.topic)
            let describable = context.authorize(.describe, .topic, topic.topic)
            for partition in topic.partitions {
                var result = OffsetForLeaderEpochResponse.EpochEndOffset(partition: partition.partition)
                guard describable else {
                    result.errorCode = ErrorCode.topicAuthorizationFailed.rawValue
                    answer.partitions.append(result)
                    continue
                }
                switch await context.topicManager.resolve(topic: topic.topic, partition: partition.partition) {
                case .failure(let code):
                    result.errorCode = code.rawValue
                case .success(let found):
                    let fencing = TopicManager.checkLeaderEpoch(
                        requested: partition.currentLeaderEpoch, current: found.leaderEpoch)
                    if fencing != .noError {
                        result.errorCode = fencing.rawValue
                    } else {
                        let end = await found.log.endOffset(forLeaderEpoch: partition.leaderEpoch)
                        result.leaderEpoch = end.epoch
                        result.endOffset = end.endOffset
                    }
                }
                answer.partitions.append(result)
            }
            response.topics.append(answer)
        }
        return response
    }
}
