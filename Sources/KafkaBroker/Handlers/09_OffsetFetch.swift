import KafkaProtocol
import KafkaStorage

// OffsetFetch: v1–v9
//
// Behaviour:
// * The committed offset, leader epoch and metadata of each partition asked for, whatever the group's state
//   (standalone consumers commit without membership); -1 with error NONE where nothing is committed, and for
//   groups that do not exist. A null topic list (v2+) means every partition the group has offsets for.
// * require_stable (v7+): partitions with a commit still being written → UNSTABLE_OFFSET_COMMIT.
// * v8+: several groups per request, each answered with its own error.
// * The member id and epoch of v9 are not checked for classic groups (as in Kafka 4).
// * With an authorizer: DESCRIBE on the group (else GROUP_AUTHORIZATION_FAILED) and on each topic (else
//   TOPIC_AUTHORIZATION_FAILED for its partitions; left out when every partition is asked for).
//
// Version notes:
// * v2: null Topics, top-level ErrorCode; v3: ThrottleTimeMs; v5: CommittedLeaderEpoch; v6: flexible
// * v7: RequireStable; v8: Groups batch; v9: MemberId/MemberEpoch
// * v10 (not served): topic ids
public struct OffsetFetchHandler: RequestHandler {
    public typealias Request = OffsetFetchRequest
    public static let versions: ClosedRange<Int16> = 1...9

    public init() {}

    public func handle(header: RequestHeader, request: OffsetFetchRequest, context: RequestContext) async
        -> OffsetFetchResponse
    {
        var response = OffsetFetchResponse()
        if header.requestApiVersion >= 8 {
            for group in request.groups {
                let wanted = group.topics.map { topics in
                    topics.flatMap { topic in
                        topic.partitionIndexes.map { TopicPartition(topic: topic.name, partition: $0) }
                    }
                }
                let (error, offsets) = await fetch(
                    group: group.groupId, partitions: wanted, requireStable: request.requireStable, context: context)
                var answer = OffsetFetchResponse.OffsetFetchResponseGroup()
                answer.groupId = group.groupId
                answer.errorCode = error.rawValue
                for (topic, partitions) in Self.byTopic(offsets) {
                    var entry = OffsetFetchResponse.OffsetFetchResponseTopics()
                    entry.name = topic
                    entry.partitions = partitions.map { fetched in
                        var partition = OffsetFetchResponse.OffsetFetchResponsePartitions()
                        partition.partitionIndex = fetched.partition.partition
                        partition.committedOffset = fetched.offset?.offset ?? -1
                        partition.committedLeaderEpoch = fetched.offset?.leaderEpoch ?? -1
                        partition.metadata = fetched.offset?.metadata ?? ""
                        partition.errorCode = fetched.error.rawValue
                        return partition
                    }
                    answer.topics.append(entry)
                }
                response.groups.append(answer)
            }
            return response
        }
        let wanted = request.topics.map { topics in
            topics.flatMap { topic in topic.partitionIndexes.map { TopicPartition(topic: topic.name, partition: $0) } }
        }
        var (error, offsets) = await fetch(
            group: request.groupId, partitions: wanted, requireStable: request.requireStable, context: context)
        if error != .noError {
            // The group's error is also each partition's (v1 has no top-level error).
            offsets = (wanted ?? []).map { FetchedOffset(partition: $0, offset: nil, error: error) }
        }
        response.errorCode = error.rawValue
        for (topic, partitions) in Self.byTopic(offsets) {
            var entry = OffsetFetchResponse.OffsetFetchResponseTopic()
            entry.name = topic
            entry.partitions = partitions.map { fetched in
                var partition = OffsetFetchResponse.OffsetFetchResponsePartition()
                partition.partitionIndex = fetched.partition.partition
                partition.committedOffset = fetched.offset?.offset ?? -1
                partition.committedLeaderEpoch = fetched.offset?.leaderEpoch ?? -1
                partition.metadata = fetched.offset?.metadata ?? ""
                partition.errorCode = fetched.error.rawValue
                return partition
            }
            response.topics.append(entry)
        }
        return response
    }

    /// The offsets the principal may see: DESCRIBE on the group, else GROUP_AUTHORIZATION_FAILED; partitions of
    /// topics it may not DESCRIBE are refused one by one when asked for, and left out of an "every partition"
    /// answer (KafkaApis.handleOffsetFetchRequest).
    private func fetch(group: String, partitions: [TopicPartition]?, requireStable: Bool, context: RequestContext)
        async -> (ErrorCode, [FetchedOffset])
    {
        let coordinator = context.groupCoordinator
        guard context.authorizer != nil else {
            return await coordinator.fetchOffsets(groupId: group, partitions: partitions, requireStable: requireStable)
        }
        guard context.authorize(.describe, .group, group) else { return (.groupAuthorizationFailed, []) }
        guard let partitions else {
            let (error, offsets) = await coordinator.fetchOffsets(groupId: group, partitions: nil, requireStable: requireStable)
            var visible: [String: Bool] = [:]
            return (error, offsets.filter { fetched in
                let topic = fetched.partition.topic
                if let known = visible[topic] { return known }
                let allowed = context.authorize(.describe, .topic, topic, logIfDenied: false)
                visible[topic] = allowed
                return allowed
            })
        }
        var allowed: [String: Bool] = [:]
        for topic in Set(partitions.map(\.topic)) { allowed[topic] = context.authorize(.describe, .topic, topic) }
        let (error, fetched) = await coordinator.fetchOffsets(
            groupId: group, partitions: partitions.filter { allowed[$0.topic] ?? false }, requireStable: requireStable)
        guard error == .noError else { return (error, fetched) }
        var next = fetched.makeIterator()
        return (error, partitions.map { partition in
            guard allowed[partition.topic] ?? false, let found = next.next() else {
                return FetchedOffset(partition: partition, offset: nil, error: .topicAuthorizationFailed)
            }
            return found
        })
    }

    /// Partitions grouped by topic, topics in order of first appearance.
    static func byTopic(_ offsets: [FetchedOffset]) -> [(String, [FetchedOffset])] {
        var order: [String] = []
        var grouped: [String: [FetchedOffset]] = [:]
        for fetched in offsets {
            if grouped[fetched.partition.topic] == nil { order.append(fetched.partition.topic) }
            grouped[fetched.partition.topic, default: []].append(fetched)
        }
        return order.map { ($0, grouped[$0] ?? []) }
    }
}
