import KafkaProtocol
import KafkaStorage

// ListOffsets: v1–v9
//
// Behaviour (per partition):
// * -2 EARLIEST and -4 EARLIEST_LOCAL (v8+): the log start offset. -1 LATEST: the high watermark (the last
//   stable offset for read_committed is the same while there are no transactions), timestamp -1.
// * -3 MAX_TIMESTAMP (v7+): the largest timestamp in the log and the offset of the record that carries it.
// * -5 LATEST_TIERED (v9+): -1, as Kafka answers without tiered storage.
// * A timestamp ≥ 0: the first record with a timestamp at or after it, through the time index and then the
//   batch; offset -1 and timestamp -1 when every record is older.
// * With an authorizer: DESCRIBE on the topic, else TOPIC_AUTHORIZATION_FAILED for its partitions.
// * Leader epoch: the epoch the found offset was written in; unknown topic or partition →
//   UNKNOWN_TOPIC_OR_PARTITION; a `current_leader_epoch` other than the partition's → FENCED_LEADER_EPOCH /
//   UNKNOWN_LEADER_EPOCH; storage failures → KAFKA_STORAGE_ERROR.
//
// Version notes:
// * v1: one Timestamp/Offset pair instead of v0's offset list (v0, removed by Kafka 4, is not served)
// * v2: IsolationLevel, ThrottleTimeMs
// * v4: CurrentLeaderEpoch, LeaderEpoch
// * v6: flexible
// * v7: MAX_TIMESTAMP; v8: EARLIEST_LOCAL; v9: LATEST_TIERED
public struct ListOffsetsHandler: RequestHandler {
    public typealias Request = ListOffsetsRequest
    public static let versions: ClosedRange<Int16> = 1...9

    static let latest: Int64 = -1
    static let earliest: Int64 = -2
    static let maxTimestamp: Int64 = -3
    static let earliestLocal: Int64 = -4
    static let latestTiered: Int64 = -5

    public init() {}

    public func handle(header: RequestHeader, request: ListOffsetsRequest, context: RequestContext) async
        -> ListOffsetsResponse
    {
        var response = ListOffsetsResponse()
        for topic in request.topics {
            var answer = ListOffsetsResponse.ListOffsetsTopicResponse(name: topic.name)
            guard context.authorize(.describe, .topic, topic.name) else {
                answer.partitions = topic.partitions.map {
                    .init(partitionIndex: $0.partitionIndex, errorCode: ErrorCode.topicAuthorizationFailed.rawValue)
                }
                response.topics.append(answer)
                continue
            }
            for partition in topic.partitions {
                answer.partitions.append(
                    await lookUp(partition, topic: topic.name, manager: context.topicManager, version: header.requestApiVersion))
            }
            response.topics.append(answer)
        }
        return response
    }

    private func lookUp(
        _ partition: ListOffsetsRequest.ListOffsetsPartition, topic: String, manager: TopicManager, version: Int16
    ) async -> ListOffsetsResponse.ListOffsetsPartitionResponse {
        var answer = ListOffsetsResponse.ListOffsetsPartitionResponse(partitionIndex: partition.partitionIndex)
        let resolved: ResolvedPartition
        switch await manager.resolve(topic: topic, partition: partition.partitionIndex) {
        case .success(let found): resolved = found
        case .failure(let code):
            answer.errorCode = code.rawValue
            return answer
        }
        let fencing = TopicManager.checkLeaderEpoch(
            requested: partition.currentLeaderEpoch, current: resolved.leaderEpoch)
        guard fencing == .noError else {
            answer.errorCode = fencing.rawValue
            return answer
        }
        let log = resolved.log
        switch partition.timestamp {
        case Self.latest:
            answer.offset = await log.latestOffset
            answer.leaderEpoch = resolved.leaderEpoch
        case Self.earliest, Self.earliestLocal:
            answer.offset = await log.earliestOffset
            answer.leaderEpoch = await log.leaderEpoch(at: answer.offset)
        case Self.maxTimestamp:
            if let found = await log.maxTimestampAndOffset() {
                answer.timestamp = found.timestamp
                answer.offset = found.offset
                answer.leaderEpoch = await log.leaderEpoch(at: found.offset)
            }
        case ..<0:
            break  // LATEST_TIERED and later special values: nothing is tiered, so no offset.
        default:
            do {
                if let found = try await log.offsetForTimestamp(partition.timestamp) {
                    answer.timestamp = found.timestamp
                    answer.offset = found.offset
                    answer.leaderEpoch = await log.leaderEpoch(at: found.offset)
                }
            } catch {
                answer.errorCode = ErrorCode.from(storage: error).rawValue
            }
        }
        // LeaderEpoch exists from v4; older responses cannot carry it.
        if version < 4 { answer.leaderEpoch = -1 }
        return answer
    }
}
