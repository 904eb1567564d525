import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

@Suite struct MetadataTests {
    static let orders = TopicMetadata(
        name: "orders", id: KafkaUUID(mostSignificantBits: 1, leastSignificantBits: 2),
        partitions: [.init(index: 0), .init(index: 1, leaderEpoch: 3)])
    static let topics = StaticTopicMetadataSource([orders])

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
        try await TestBroker.with(topics: Self.topics) { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, all) = try await connection.roundTrip(MetadataRequest(topics: nil), version: 12)
            #expect(all.topics.map(\.name) == ["orders"])
            #expect(all.topics.first?.topicId == Self.orders.id)
            let partitions = try #require(all.topics.first?.partitions)
            #expect(partitions.map(\.partitionIndex) == [0, 1])
            #expect(partitions.map(\.leaderId) == [1, 1])
            #expect(partitions.map(\.leaderEpoch) == [0, 3])
            #expect(partitions.map(\.replicaNodes) == [[1], [1]])
            #expect(partitions.map(\.isrNodes) == [[1], [1]])

            let (_, none) = try await connection.roundTrip(MetadataRequest(topics: []), version: 1)
            #expect(none.topics.isEmpty)

            let (_, v0all) = try await connection.roundTrip(MetadataRequest(topics: []), version: 0)
            #expect(v0all.topics.map(\.name) == ["orders"])

            let request = MetadataRequest(topics: [.init(name: "orders"), .init(name: "missing")])
            let (_, some) = try await connection.roundTrip(request, version: 9)
            #expect(some.topics.map(\.name) == ["orders", "missing"])
            #expect(some.topics.map(\.errorCode) == [0, ErrorCode.unknownTopicOrPartition.rawValue])
        }
    }

    @Test func topicsById() async throws {
        try await TestBroker.with(topics: Self.topics) { broker in
            let connection = try await TestConnection(port: broker.port)
            let unknown = KafkaUUID(mostSignificantBits: 9, leastSignificantBits: 9)
            let request = MetadataRequest(topics: [.init(topicId: Self.orders.id, name: nil), .init(topicId: unknown, name: nil)])
            let (_, body) = try await connection.roundTrip(request, version: 12)
            #expect(body.topics.map(\.name) == ["orders", nil])
            #expect(body.topics.map(\.errorCode) == [0, ErrorCode.unknownTopicId.rawValue])
        }
    }
}
