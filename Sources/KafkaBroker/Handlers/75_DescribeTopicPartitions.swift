import KafkaProtocol
import Logging

// DescribeTopicPartitions: v0–v0
//
// Behaviour (Apache's DescribeTopicPartitionsRequestHandler over its KRaft metadata cache):
// * An empty topic list means every topic (internal ones included); otherwise the named topics, duplicates
//   collapsed. Only names not below the cursor's topic (Java string order) are considered, in that order.
// * Paging: at most min(ResponsePartitionLimit, 2000) partitions (Apache's max.request.partition.size.limit).
//   The cursor's partition index is where its own topic starts; other topics start at 0. A topic that does not
//   fit entirely is cut and NextCursor points at its first missing partition; when the limit is used up exactly,
//   NextCursor points at partition 0 of the next topic considered (which need not exist). A cursor index past the
//   end of its topic yields the topic with no partitions.
// * Each partition: leader = this node, the partition's leader epoch, replicas and ISR = [this node], empty ELR,
//   last known ELR and offline replicas, as Apache reports a healthy single-replica partition.
// * A named topic that does not exist gets UNKNOWN_TOPIC_OR_PARTITION (INVALID_TOPIC_EXCEPTION for an illegal
//   name); with an empty list there is nothing unknown to report.
// * A cursor naming a topic absent from a non-empty list, or a negative cursor index, is INVALID_REQUEST: every
//   requested topic is answered with that code and no partitions (the response has no message field).
// * With an authorizer: only topics the principal may DESCRIBE; a named one it may not → TOPIC_AUTHORIZATION_FAILED.
// * Not yet: topic authorized operations (left at the "not requested" default).
//
// Version notes:
// * v0: flexible
public struct DescribeTopicPartitionsHandler: RequestHandler {
    public typealias Request = DescribeTopicPartitionsRequest
    public static let versions: ClosedRange<Int16> = 0...0

    /// Apache's `max.request.partition.size.limit` default: caps whatever limit the client asks for.
    static let maxPartitionsPerResponse: Int32 = 2000

    private static let logger = Logger(label: "kafka.server.handlers.DescribeTopicPartitionsRequestHandler")

    public init() {}

    public func handle(header: RequestHeader, request: DescribeTopicPartitionsRequest, context: RequestContext)
        async -> DescribeTopicPartitionsResponse
    {
        let fetchAll = request.topics.isEmpty
        let cursor = request.cursor
        let cursorTopic = cursor?.topicName ?? ""
        let candidates = fetchAll ? await context.topicManager.allTopics().map(\.name) : request.topics.map(\.name)
        let considered = Set(candidates.filter { !Self.javaLess($0, cursorTopic) }).sorted(by: Self.javaLess)

        if let cursor, (!fetchAll && !considered.contains(cursor.topicName)) || cursor.partitionIndex < 0 {
            Self.logger.info("Invalid DescribeTopicPartitions cursor from \(context.clientAddress): \(cursor.topicName) partition \(cursor.partitionIndex)")
            return Self.failure(request, .invalidRequest)
        }

        var response = DescribeTopicPartitionsResponse()
        // Topics the principal may not DESCRIBE are skipped; when named, they are answered at the end with
        // TOPIC_AUTHORIZATION_FAILED and no topic id (whether they exist or not).
        var refused: [String] = []
        let names = considered.filter { name in
            if context.authorize(.describe, .topic, name, logIfDenied: !fetchAll) { return true }
            if !fetchAll { refused.append(name) }
            return false
        }
        var remaining = min(Self.maxPartitionsPerResponse, request.responsePartitionLimit)
        for name in names {
            if remaining == 0 {
                response.nextCursor = .init(topicName: name, partitionIndex: 0)
                break
            }
            // A negative limit answers nothing at all, as Apache's loop does.
            guard remaining > 0 else { break }
            guard let topic = await context.topicManager.topic(named: name) else {
                if !fetchAll { response.topics.append(Self.missing(name)) }
                continue
            }
            let start = name == cursorTopic ? cursor?.partitionIndex ?? 0 : 0
            let count = Int32(topic.partitions.count)
            let (sum, overflow) = start.addingReportingOverflow(remaining)
            let end = min(count, overflow ? Int32.max : sum)
            let slice = start < end ? topic.partitions.filter { $0.index >= start && $0.index < end } : []
            response.topics.append(Self.describe(topic, partitions: slice, nodeId: context.nodeId))
            if end < count {
                response.nextCursor = .init(topicName: name, partitionIndex: end)
                break
            }
            remaining -= Int32(slice.count)
        }
        response.topics += refused.map {
            .init(errorCode: ErrorCode.topicAuthorizationFailed.rawValue, name: $0, isInternal: false)
        }
        return response
    }

    private static func describe(_ topic: TopicMetadata, partitions: [TopicMetadata.Partition], nodeId: Int32)
        -> DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponseTopic
    {
        .init(
            name: topic.name, topicId: topic.id, isInternal: topic.isInternal,
            partitions: partitions.map {
                .init(
                    partitionIndex: $0.index, leaderId: nodeId, leaderEpoch: $0.leaderEpoch, replicaNodes: [nodeId],
                    isrNodes: [nodeId], eligibleLeaderReplicas: [], lastKnownElr: [], offlineReplicas: [])
            })
    }

    private static func missing(_ name: String) -> DescribeTopicPartitionsResponse.DescribeTopicPartitionsResponseTopic {
        let code: ErrorCode = TopicNameValidator.validate(name) == nil ? .unknownTopicOrPartition : .invalidTopicException
        return .init(errorCode: code.rawValue, name: name, isInternal: InternalTopics.contains(name))
    }

    private static func failure(_ request: DescribeTopicPartitionsRequest, _ code: ErrorCode)
        -> DescribeTopicPartitionsResponse
    {
        var response = DescribeTopicPartitionsResponse()
        response.topics = request.topics.map { .init(errorCode: code.rawValue, name: $0.name, isInternal: false) }
        return response
    }

    /// Java's `String.compareTo` order (UTF-16 code units), which Apache uses both to sort and to apply the cursor.
    static func javaLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf16.lexicographicallyPrecedes(rhs.utf16)
    }
}
