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
        let coordinator = context.groupCoordinator
        var response = OffsetFetchResponse()
        if header.requestApiVersion >= 8 {
            for group in request.groups {
                let wanted = group.topics.map { topics in
                    topics.flatMap { topic in
                        topic.partitionIndexes.map { TopicPartition(topic: topic.name, partition: $0) }
                    }
                }
                let (error, offsets) = await coordinator.fetchOffsets(
                    groupId: group.groupId, partitions: wanted, requireStable: request.requireStable)
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
        var (error, offsets) = await coordinator.fetchOffsets(
            groupId: request.groupId, partitions: wanted, requireStable: request.requireStable)
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
