import KafkaProtocol
import KafkaStorage

// Fetch: v4–v17
//
// Behaviour:
// * Per partition, in request order: whole batches from the one holding `fetch_offset`, as file bytes (never
//   decoded or re-encoded), at most `partition_max_bytes` each and `max_bytes` in all, except that the first
//   partition with data always gets one whole batch (see `FetchAssembler`). High watermark = log end (one replica),
//   last stable offset = high watermark (no transactions yet), log start offset, aborted transactions empty.
// * An offset outside [log start, log end] → OFFSET_OUT_OF_RANGE; an unknown topic or partition →
//   UNKNOWN_TOPIC_OR_PARTITION, an unknown topic id (v13+) → UNKNOWN_TOPIC_ID; a `current_leader_epoch` other
//   than the partition's → FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH.
// * With an authorizer: READ on the topic, else TOPIC_AUTHORIZATION_FAILED for its partitions. Follower
//   fetches are not told apart (no CLUSTER_ACTION check: there are no followers).
// * Long poll: with less than `min_bytes` available the fetch waits up to `max_wait_ms`, woken by appends to any
//   of its partitions (PartitionLog's high watermark updates; no polling loop).
// * Fetch sessions are not cached: every request is answered as a full fetch with session id 0, which clients
//   take as "no session" and keep sending full fetches (Java/kafka-python's FetchSessionHandler, librdkafka).
//   An incremental request (session id ≠ 0) gets FETCH_SESSION_ID_NOT_FOUND, after which clients start over.
// * Not yet: read_committed stops at the high watermark like read_uncommitted (no transactions), follower
//   fetches (replica id ≥ 0) are served like consumer ones, preferred read replica is always -1.
//
// Version notes:
// * v4: IsolationLevel, LastStableOffset, AbortedTransactions (v0–v3, removed by Kafka 4, are not served)
// * v5: LogStartOffset
// * v7: fetch sessions (SessionId, SessionEpoch, ForgottenTopicsData)
// * v9: CurrentLeaderEpoch; v11: RackId, PreferredReadReplica
// * v12: flexible, tagged DivergingEpoch/CurrentLeader/SnapshotId (left at defaults)
// * v13: topic ids instead of names; v15: ReplicaState; v16: NodeEndpoints; v17: ReplicaDirectoryId
public struct FetchHandler: RequestHandler {
    public typealias Request = FetchRequest
    public static let versions: ClosedRange<Int16> = 4...17

    public init() {}

    public func handle(header: RequestHeader, request: FetchRequest, context: RequestContext) async -> FetchResponse {
        var response = FetchResponse()
        guard request.sessionId == 0 else {
            response.errorCode = ErrorCode.fetchSessionIdNotFound.rawValue
            response.sessionId = 0
            return response
        }
        let usesTopicIds = header.requestApiVersion >= 13
        let (plan, targets) = await resolve(request, usesTopicIds: usesTopicIds, context: context)
        let maxBytes = Int(max(0, request.maxBytes))
        var (reads, bytes) = await FetchAssembler.read(targets, maxBytes: maxBytes)
        let minBytes = Int(request.minBytes)
        if bytes < minBytes, request.maxWaitMs > 0, reads.allSatisfy({ $0.errorCode == .noError }) {
            (reads, bytes) = await longPoll(targets, maxBytes: maxBytes, minBytes: minBytes, maxWaitMs: request.maxWaitMs)
        }
        response.responses = assemble(plan, reads: reads)
        return response
    }

    /// The response's topics, one per requested topic, with their partitions in request order.
    private struct TopicPlan {
        var name: String
        var id: KafkaUUID
        var partitions: [Int32]
    }

    private func resolve(_ request: FetchRequest, usesTopicIds: Bool, context: RequestContext) async
        -> ([TopicPlan], [FetchTarget])
    {
        let manager = context.topicManager
        var plan: [TopicPlan] = []
        var targets: [FetchTarget] = []
        for topic in request.topics {
            plan.append(TopicPlan(name: topic.topic, id: topic.topicId, partitions: topic.partitions.map(\.partition)))
            let readable = await mayRead(topic, usesTopicIds: usesTopicIds, context: context)
            for partition in topic.partitions {
                let resolved: Result<ResolvedPartition, ErrorCode>
                if !readable {
                    resolved = .failure(.topicAuthorizationFailed)
                } else if usesTopicIds {
                    resolved = await manager.resolve(topicId: topic.topicId, partition: partition.partition).1
                } else {
                    resolved = await manager.resolve(topic: topic.topic, partition: partition.partition)
                }
                var target = FetchTarget(
                    fetchOffset: partition.fetchOffset, partitionMaxBytes: Int(max(0, partition.partitionMaxBytes)))
                switch resolved {
                case .success(let found):
                    let fencing = TopicManager.checkLeaderEpoch(
                        requested: partition.currentLeaderEpoch, current: found.leaderEpoch)
                    if fencing == .noError { target.log = found.log } else { target.missingCode = fencing }
                case .failure(let code):
                    target.missingCode = code
                }
                targets.append(target)
            }
        }
        return (plan, targets)
    }

    /// READ on the topic, once per topic (by name: an unknown topic id is left to answer UNKNOWN_TOPIC_ID).
    private func mayRead(_ topic: FetchRequest.FetchTopic, usesTopicIds: Bool, context: RequestContext) async -> Bool {
        guard context.authorizer != nil else { return true }
        guard usesTopicIds else { return context.authorize(.read, .topic, topic.topic) }
        guard let name = await context.topicManager.topic(id: topic.topicId)?.name else { return true }
        return context.authorize(.read, .topic, name)
    }

    /// Waits for appends until `minBytes` are there or `maxWaitMs` passed, then answers with what there is.
    private func longPoll(_ targets: [FetchTarget], maxBytes: Int, minBytes: Int, maxWaitMs: Int32) async
        -> (partitions: [PartitionFetch], bytes: Int)
    {
        let deadline = FetchLongPoll.nowNanoseconds() + UInt64(maxWaitMs) * 1_000_000
        let logs = targets.compactMap(\.log)
        while true {
            // Subscribed before reading again, so an append in between still wakes the wait.
            let streams = await FetchLongPoll.subscribe(logs)
            let result = await FetchAssembler.read(targets, maxBytes: maxBytes)
            let now = FetchLongPoll.nowNanoseconds()
            if result.bytes >= minBytes || now >= deadline || Task.isCancelled { return result }
            await FetchLongPoll.waitForAny(streams, nanoseconds: deadline - now)
        }
    }

    private func assemble(_ plan: [TopicPlan], reads: [PartitionFetch]) -> [FetchResponse.FetchableTopicResponse] {
        var topics: [FetchResponse.FetchableTopicResponse] = []
        topics.reserveCapacity(plan.count)
        var next = 0
        for topic in plan {
            var partitions: [FetchResponse.PartitionData] = []
            partitions.reserveCapacity(topic.partitions.count)
            for index in topic.partitions {
                let read = reads[next]
                next += 1
                partitions.append(
                    FetchResponse.PartitionData(
                        partitionIndex: index, errorCode: read.errorCode.rawValue, highWatermark: read.highWatermark,
                        lastStableOffset: read.highWatermark, logStartOffset: read.logStartOffset,
                        abortedTransactions: [], records: read.records))
            }
            topics.append(FetchResponse.FetchableTopicResponse(topic: topic.name, topicId: topic.id, partitions: partitions))
        }
        return topics
    }
}
