import KafkaProtocol
import Testing
@testable import KafkaBroker

/// Every served version of each admin API answers (the encoder refuses fields a version does not carry).
@Suite struct AdminVersionsTests {
    @Test(arguments: Array(CreateTopicsHandler.versions))
    func createTopics(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let topics: [CreateTopicsRequest.CreatableTopic] = [
                .init(name: "ok", numPartitions: 1, replicationFactor: 1), .init(name: "bad!", numPartitions: 1, replicationFactor: 1),
            ]
            let (_, body) = try await connection.roundTrip(CreateTopicsRequest(topics: topics), version: version)
            #expect(body.topics.map(\.errorCode) == [0, ErrorCode.invalidTopicException.rawValue])
        }
    }

    @Test(arguments: Array(DeleteTopicsHandler.versions))
    func deleteTopics(version: Int16) async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("gone", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = version >= 6
                ? DeleteTopicsRequest(topics: [.init(name: "gone"), .init(name: "ghost")])
                : DeleteTopicsRequest(topicNames: ["gone", "ghost"])
            let (_, body) = try await connection.roundTrip(request, version: version)
            #expect(body.responses.map(\.errorCode) == [0, ErrorCode.unknownTopicOrPartition.rawValue])
        }
    }

    @Test(arguments: Array(CreatePartitionsHandler.versions))
    func createPartitions(version: Int16) async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = CreatePartitionsRequest(topics: [.init(name: "t", count: 2, assignments: nil), .init(name: "x", count: 2, assignments: nil)])
            let (_, body) = try await connection.roundTrip(request, version: version)
            #expect(body.results.map(\.errorCode) == [0, ErrorCode.unknownTopicOrPartition.rawValue])
        }
    }

    @Test(arguments: Array(AlterConfigsHandler.versions))
    func alterConfigs(version: Int16) async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = AlterConfigsRequest(resources: [.init(resourceType: 2, resourceName: "t", configs: [.init(name: "retention.ms", value: "1")])])
            let (_, body) = try await connection.roundTrip(request, version: version)
            #expect(body.responses.map(\.errorCode) == [0])
        }
    }

    @Test(arguments: Array(IncrementalAlterConfigsHandler.versions))
    func incrementalAlterConfigs(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = IncrementalAlterConfigsRequest(resources: [.init(resourceType: 2, resourceName: "nope", configs: [])])
            let (_, body) = try await connection.roundTrip(request, version: version)
            #expect(body.responses.map(\.errorCode) == [ErrorCode.unknownTopicOrPartition.rawValue])
        }
    }

    @Test(arguments: Array(DescribeClusterHandler.versions))
    func describeCluster(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(DescribeClusterRequest(), version: version)
            #expect(body.brokers.count == 1)
        }
    }
}
