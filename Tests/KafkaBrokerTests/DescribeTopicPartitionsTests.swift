import KafkaProtocol
import Testing
@testable import KafkaBroker

@Suite struct DescribeTopicPartitionsTests {
    typealias Cursor = DescribeTopicPartitionsRequest.Cursor

    static func describe(
        _ names: [String], limit: Int32 = 2000, cursor: Cursor? = nil, on connection: TestConnection
    ) async throws -> DescribeTopicPartitionsResponse {
        let request = DescribeTopicPartitionsRequest(
            topics: names.map { .init(name: $0) }, responsePartitionLimit: limit, cursor: cursor)
        return try await connection.roundTrip(request, version: 0).body
    }

    /// "topic:partition" for each partition answered, in order.
    static func flat(_ response: DescribeTopicPartitionsResponse) -> [String] {
        response.topics.flatMap { topic in topic.partitions.map { "\(topic.name ?? "?"):\($0.partitionIndex)" } }
    }

    @Test func namedTopicsSortedWithUnknownAndInvalid() async throws {
        try await TestBroker.with { broker in
            let b = try await broker.topicManager.createTopic("b", partitions: 2, configs: [:])
            _ = try await broker.topicManager.createTopic("a", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let response = try await Self.describe(["b", "ghost", "a", "b", "bad!"], on: connection)
            #expect(response.topics.map(\.name) == ["a", "b", "bad!", "ghost"])
            #expect(response.topics.map(\.errorCode) == [
                0, 0, ErrorCode.invalidTopicException.rawValue, ErrorCode.unknownTopicOrPartition.rawValue,
            ])
            #expect(response.nextCursor == nil)
            let topic = response.topics[1]
            #expect(topic.topicId == b.id)
            #expect(topic.isInternal == false)
            #expect(topic.topicAuthorizedOperations == Int32.min)
            let partition = try #require(topic.partitions.last)
            #expect(partition.partitionIndex == 1)
            #expect(partition.leaderId == 1)
            #expect(partition.leaderEpoch == 0)
            #expect(partition.replicaNodes == [1])
            #expect(partition.isrNodes == [1])
            #expect(partition.eligibleLeaderReplicas == [])
            #expect(partition.lastKnownElr == [])
            #expect(partition.offlineReplicas == [])
            #expect(response.topics[3].topicId == .zero)
            #expect(response.topics[3].partitions.isEmpty)
        }
    }

    @Test func emptyListMeansAllTopicsIncludingInternal() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("x", partitions: 1, configs: [:])
            _ = try await broker.topicManager.createTopic("__consumer_offsets", partitions: 2, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let response = try await Self.describe([], on: connection)
            #expect(response.topics.map(\.name) == ["__consumer_offsets", "x"])
            #expect(response.topics.map(\.isInternal) == [true, false])
            #expect(Self.flat(response) == ["__consumer_offsets:0", "__consumer_offsets:1", "x:0"])
        }
    }

    @Test func pagingFollowsApacheCursorRules() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("a", partitions: 3, configs: [:])
            _ = try await broker.topicManager.createTopic("b", partitions: 2, configs: [:])
            _ = try await broker.topicManager.createTopic("c", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)

            // Cut inside a topic: the cursor points at the first partition left out.
            let first = try await Self.describe([], limit: 2, on: connection)
            #expect(Self.flat(first) == ["a:0", "a:1"])
            #expect(first.nextCursor == .init(topicName: "a", partitionIndex: 2))

            // The limit used up exactly at a topic's end: the cursor is partition 0 of the next topic.
            let second = try await Self.describe([], limit: 3, cursor: .init(topicName: "a", partitionIndex: 2), on: connection)
            #expect(Self.flat(second) == ["a:2", "b:0", "b:1"])
            #expect(second.nextCursor == .init(topicName: "c", partitionIndex: 0))

            let last = try await Self.describe([], limit: 3, cursor: .init(topicName: "c", partitionIndex: 0), on: connection)
            #expect(Self.flat(last) == ["c:0"])
            #expect(last.nextCursor == nil)

            // Past the end of its topic: the topic with no partitions, then the following ones.
            let past = try await Self.describe(["a", "c"], cursor: .init(topicName: "a", partitionIndex: 9), on: connection)
            #expect(past.topics.map(\.name) == ["a", "c"])
            #expect(Self.flat(past) == ["c:0"])

            // The cursor also points at an unknown name when that is the next one considered.
            let unknownNext = try await Self.describe(["a", "zz"], limit: 3, on: connection)
            #expect(unknownNext.topics.map(\.name) == ["a"])
            #expect(unknownNext.nextCursor == .init(topicName: "zz", partitionIndex: 0))

            let capped = try await Self.describe([], limit: 0, on: connection)
            #expect(capped.topics.isEmpty)
            #expect(capped.nextCursor == .init(topicName: "a", partitionIndex: 0))
            let negative = try await Self.describe([], limit: -1, on: connection)
            #expect(negative.topics.isEmpty)
            #expect(negative.nextCursor == nil)
        }
    }

    @Test func invalidCursorAnswersInvalidRequestForEveryTopic() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("a", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let notListed = try await Self.describe(["a"], cursor: .init(topicName: "b", partitionIndex: 0), on: connection)
            #expect(notListed.topics.map(\.errorCode) == [ErrorCode.invalidRequest.rawValue])
            #expect(notListed.topics.first?.partitions.isEmpty == true)
            let negative = try await Self.describe(["a"], cursor: .init(topicName: "a", partitionIndex: -1), on: connection)
            #expect(negative.topics.map(\.errorCode) == [ErrorCode.invalidRequest.rawValue])
            let all = try await Self.describe([], cursor: .init(topicName: "a", partitionIndex: -1), on: connection)
            #expect(all.topics.isEmpty)
        }
    }

    @Test func javaStringOrder() {
        #expect(DescribeTopicPartitionsHandler.javaLess("B", "a"))
        #expect(DescribeTopicPartitionsHandler.javaLess("_", "a"))
        #expect(!DescribeTopicPartitionsHandler.javaLess("a", "a"))
    }
}
