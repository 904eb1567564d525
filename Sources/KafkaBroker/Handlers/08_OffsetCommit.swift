import KafkaProtocol
import KafkaStorage

// OffsetCommit: v2–v9
//
// Behaviour:
// * The offsets are written to `__consumer_offsets` (key version 1, value version 3) and answered once the batch
//   is in the log, like a Produce with acks=-1 on this single node; only then do OffsetFetch answers change.
// * Members of a group (generation ≥ 0 or a member id): UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
//   FENCED_INSTANCE_ID as Kafka 4 checks them; REBALANCE_IN_PROGRESS while CompletingRebalance (commits are
//   accepted while PreparingRebalance). Standalone consumers and admin tools commit with generation -1 and an
//   empty member id while the group has no members (a group that does not exist is created to hold them);
//   with members present that is UNKNOWN_MEMBER_ID.
// * A group that does not exist with generation ≥ 0: GROUP_ID_NOT_FOUND from v9, ILLEGAL_GENERATION before.
// * Per partition: unknown topic or partition → UNKNOWN_TOPIC_OR_PARTITION; metadata longer than
//   `offset.metadata.max.bytes` → OFFSET_METADATA_TOO_LARGE; a failed write → NOT_COORDINATOR /
//   COORDINATOR_NOT_AVAILABLE / INVALID_COMMIT_OFFSET_SIZE (Kafka's mapping).
// * With an authorizer: READ on the group (else GROUP_AUTHORIZATION_FAILED for every partition) and READ on
//   each topic (else TOPIC_AUTHORIZATION_FAILED for its partitions).
//
// Version notes:
// * v2–v4: RetentionTimeMs (-1 = broker default); another value sets a per-offset expiry (value version 1)
// * v5: no RetentionTimeMs; v6: CommittedLeaderEpoch; v7: GroupInstanceId; v8: flexible
// * v9: KIP-848 member epochs (classic groups use it as the generation)
// * v10 (not served): topic ids
public struct OffsetCommitHandler: RequestHandler {
    public typealias Request = OffsetCommitRequest
    public static let versions: ClosedRange<Int16> = 2...9

    public init() {}

    public func handle(header: RequestHeader, request: OffsetCommitRequest, context: RequestContext) async
        -> OffsetCommitResponse
    {
        let version = header.requestApiVersion
        let now = currentTimeMillis()
        let retention = version <= 4 ? request.retentionTimeMs : -1
        var accepted: [(TopicPartition, CommittedOffset)] = []
        // nil: goes to the coordinator; else the partition's own error.
        var local: [[ErrorCode?]] = []
        let groupReadable = context.authorize(.read, .group, request.groupId)
        for topic in request.topics {
            let refusal: ErrorCode? =
                !groupReadable
                ? .groupAuthorizationFailed
                : context.authorize(.read, .topic, topic.name) ? nil : .topicAuthorizationFailed
            let known = await context.topicManager.topic(named: topic.name)
            local.append(
                topic.partitions.map { partition in
                    if let refusal { return refusal }
                    guard let known, known.partitions.contains(where: { $0.index == partition.partitionIndex }) else {
                        return .unknownTopicOrPartition
                    }
                    accepted.append(
                        (
                            TopicPartition(topic: topic.name, partition: partition.partitionIndex),
                            CommittedOffset(
                                offset: partition.committedOffset, leaderEpoch: partition.committedLeaderEpoch,
                                metadata: partition.committedMetadata ?? "", commitTimestamp: now,
                                expireTimestamp: retention >= 0 ? now + retention : nil)
                        ))
                    return nil
                })
        }
        var results: [ErrorCode] = []
        if !accepted.isEmpty {
            results = await context.groupCoordinator.commitOffsets(
                OffsetCommitParameters(
                    groupId: request.groupId, memberId: request.memberId, groupInstanceId: request.groupInstanceId,
                    generationId: request.generationIdOrMemberEpoch, apiVersion: version, offsets: accepted))
        }
        var next = results.makeIterator()
        var response = OffsetCommitResponse()
        for (topic, errors) in zip(request.topics, local) {
            var answer = OffsetCommitResponse.OffsetCommitResponseTopic()
            answer.name = topic.name
            for (partition, error) in zip(topic.partitions, errors) {
                var entry = OffsetCommitResponse.OffsetCommitResponsePartition()
                entry.partitionIndex = partition.partitionIndex
                entry.errorCode = (error ?? next.next() ?? .unknownServerError).rawValue
                answer.partitions.append(entry)
            }
            response.topics.append(answer)
        }
        return response
    }
}
