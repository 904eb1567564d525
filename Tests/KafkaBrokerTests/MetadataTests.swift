import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

@Suite struct MetadataTests {
    /// A broker with one topic, `orders`, of two partitions.
    static func withOrders<T>(
        extra: [String: String] = [:], _ body: (TestBroker, TopicMetadata) async throws -> T
    ) async throws -> T {
        try await TestBroker.with(extra: extra) { broker in
            let orders = try await broker.topicManager.createTopic("orders", partitions: 2, configs: [:])
            return try await body(broker, orders)
        }
    }

    @Test(arguments: Array(MetadataHandler.versions))
    func brokersListIsThisNode(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = MetadataRequest(topics: version == 0 ? [] : nil)
            let (header, body) = try await connection.roundTrip(request, version: version, correlationId: 77)
            #expect(header.correlationId == 77)
            #expect(body.brokers == [
                MetadataResponse.MetadataResponseBroker(nodeId: 1, host: "127.0.0.1", port: Int32(broker.port))
            ])
            if version >= 1 { #expect(body.controllerId == 1) }
            if version >= 2 { #expect(body.clusterId == "test-cluster-id") }
            #expect(body.topics.isEmpty)
        }
    }

    @Test func advertisedListenerIsWhatClientsAreTold() async throws {
        try await TestBroker.with(extra: ["advertised.listeners": "PLAINTEXT://kafka.example:19092"]) { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(MetadataRequest(topics: nil), version: 12)
            #expect(body.brokers.map(\.host) == ["kafka.example"])
            #expect(body.brokers.map(\.port) == [19092])
        }
    }

    @Test func allTopicsAndRequestedTopics() async throws {
        try await Self.withOrders { broker, orders in
            let connection = try await TestConnection(port: broker.port)
            let (_, all) = try await connection.roundTrip(MetadataRequest(topics: nil), version: 12)
            #expect(all.topics.map(\.name) == ["orders"])
            #expect(all.topics.first?.topicId == orders.id)
            #expect(all.topics.first?.isInternal == false)
            let partitions = try #require(all.topics.first?.partitions)
            #expect(partitions.map(\.partitionIndex) == [0, 1])
            #expect(partitions.map(\.leaderId) == [1, 1])
            #expect(partitions.map(\.leaderEpoch) == [0, 0])
            #expect(partitions.map(\.replicaNodes) == [[1], [1]])
            #expect(partitions.map(\.isrNodes) == [[1], [1]])

            let (_, none) = try await connection.roundTrip(MetadataRequest(topics: []), version: 1)
            #expect(none.topics.isEmpty)

            let (_, v0all) = try await connection.roundTrip(MetadataRequest(topics: []), version: 0)
            #expect(v0all.topics.map(\.name) == ["orders"])

            let request = MetadataRequest(
                topics: [.init(name: "orders"), .init(name: "missing")], allowAutoTopicCreation: false)
            let (_, some) = try await connection.roundTrip(request, version: 9)
            #expect(some.topics.map(\.name) == ["orders", "missing"])
            #expect(some.topics.map(\.errorCode) == [0, ErrorCode.unknownTopicOrPartition.rawValue])
        }
    }

    @Test func topicsById() async throws {
        try await Self.withOrders { broker, orders in
            let connection = try await TestConnection(port: broker.port)
            let unknown = KafkaUUID(mostSignificantBits: 9, leastSignificantBits: 9)
            let request = MetadataRequest(topics: [.init(topicId: orders.id, name: nil), .init(topicId: unknown, name: nil)])
            let (_, body) = try await connection.roundTrip(request, version: 12)
            #expect(body.topics.map(\.name) == ["orders", nil])
            #expect(body.topics.map(\.errorCode) == [0, ErrorCode.unknownTopicId.rawValue])
        }
    }

    @Test func unknownTopicIsAutoCreatedWithLeaderNotAvailableFirst() async throws {
        try await TestBroker.with(extra: ["num.partitions": "3"]) { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = MetadataRequest(topics: [.init(name: "fresh"), .init(name: "bad name")])
            let (_, first) = try await connection.roundTrip(request, version: 12)
            #expect(first.topics.map(\.errorCode) == [
                ErrorCode.leaderNotAvailable.rawValue, ErrorCode.invalidTopicException.rawValue,
            ])
            let (_, second) = try await connection.roundTrip(MetadataRequest(topics: [.init(name: "fresh")]), version: 12)
            #expect(second.topics.map(\.errorCode) == [0])
            #expect(second.topics.first?.partitions.map(\.partitionIndex) == [0, 1, 2])
            #expect(await broker.topicManager.partitionLog(.init(topic: "fresh", partition: 2)) != nil)
        }
    }

    @Test func autoCreateRespectsRequestFlagAndBrokerSetting() async throws {
        try await TestBroker.with(extra: ["auto.create.topics.enable": "false"]) { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(MetadataRequest(topics: [.init(name: "fresh")]), version: 3)
            #expect(body.topics.map(\.errorCode) == [ErrorCode.unknownTopicOrPartition.rawValue])
        }
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = MetadataRequest(topics: [.init(name: "fresh")], allowAutoTopicCreation: false)
            let (_, body) = try await connection.roundTrip(request, version: 4)
            #expect(body.topics.map(\.errorCode) == [ErrorCode.unknownTopicOrPartition.rawValue])
            #expect(await broker.topicManager.topic(named: "fresh") == nil)
        }
    }

    @Test func internalTopicsAreFlagged() async throws {
        try await TestBroker.with(extra: ["offsets.topic.num.partitions": "4"]) { broker in
            _ = await broker.topicManager.autoCreate(topic: "__consumer_offsets")
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(MetadataRequest(topics: nil), version: 12)
            #expect(body.topics.map(\.isInternal) == [true])
            #expect(body.topics.first?.partitions.count == 4)
        }
    }
}
