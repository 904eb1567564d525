import KafkaProtocol
import KafkaStorage
import Testing
@testable import KafkaBroker

@Suite struct AdminTopicsTests {
    typealias Creatable = CreateTopicsRequest.CreatableTopic

    static func create(_ topics: [Creatable], on connection: TestConnection, version: Int16 = 7, validateOnly: Bool = false)
        async throws -> [CreateTopicsResponse.CreatableTopicResult]
    {
        try await connection.roundTrip(CreateTopicsRequest(topics: topics, validateOnly: validateOnly), version: version).body.topics
    }

    @Test func createsWithDefaultsAndReportsConfigs() async throws {
        try await TestBroker.with(extra: ["num.partitions": "2", "log.retention.hours": "24"]) { broker in
            let connection = try await TestConnection(port: broker.port)
            let configs = [CreateTopicsRequest.CreatableTopicConfig(name: "cleanup.policy", value: "compact")]
            let results = try await Self.create(
                [Creatable(name: "orders", numPartitions: -1, replicationFactor: -1, configs: configs)], on: connection)
            let result = try #require(results.first)
            #expect(result.errorCode == 0)
            #expect(result.numPartitions == 2)
            #expect(result.replicationFactor == 1)
            let topic = try #require(await broker.topicManager.topic(named: "orders"))
            #expect(result.topicId == topic.id)
            let reported = Dictionary(uniqueKeysWithValues: (result.configs ?? []).map { ($0.name, $0) })
            #expect(reported["cleanup.policy"]?.value == "compact")
            #expect(reported["cleanup.policy"]?.configSource == ConfigSource.dynamicTopicConfig.rawValue)
            #expect(reported["retention.ms"]?.value == "86400000")
            #expect(reported["retention.ms"]?.configSource == ConfigSource.staticBrokerConfig.rawValue)
            #expect(reported["segment.bytes"]?.configSource == ConfigSource.defaultConfig.rawValue)
            #expect(await broker.topicManager.configOverrides(of: "orders") == ["cleanup.policy": "compact"])

            let again = try await Self.create([Creatable(name: "orders", numPartitions: 1, replicationFactor: 1)], on: connection)
            #expect(again.first?.errorCode == ErrorCode.topicAlreadyExists.rawValue)
            #expect(again.first?.errorMessage == "Topic 'orders' already exists.")
        }
    }

    @Test func validationCodesAndMessages() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("a_b", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let cases: [(Creatable, ErrorCode, String)] = [
                (Creatable(name: "a.b", numPartitions: 1, replicationFactor: 1), .invalidTopicException,
                 "Topic 'a.b' collides with existing topic: a_b"),
                (Creatable(name: "..", numPartitions: 1, replicationFactor: 1), .invalidTopicException,
                 "Topic name cannot be \".\" or \"..\""),
                (Creatable(name: "bad name", numPartitions: 1, replicationFactor: 1), .invalidTopicException,
                 "Topic name \"bad name\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'"),
                (Creatable(name: String(repeating: "x", count: 250), numPartitions: 1, replicationFactor: 1),
                 .invalidTopicException,
                 "Topic name is illegal, it can't be longer than 249 characters, topic name: " + String(repeating: "x", count: 250)),
                (Creatable(name: "rf", numPartitions: 1, replicationFactor: 3), .invalidReplicationFactor,
                 "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered."),
                (Creatable(name: "zero", numPartitions: 0, replicationFactor: 1), .invalidPartitions,
                 "Number of partitions was set to an invalid non-positive value."),
                (Creatable(name: "cfg", numPartitions: 1, replicationFactor: 1, configs: [.init(name: "retention.ms", value: "abc")]),
                 .invalidConfig, "Invalid value abc for configuration retention.ms: Not a number of type LONG"),
                (Creatable(name: "cfg2", numPartitions: 1, replicationFactor: 1, configs: [.init(name: "nope", value: "1")]),
                 .invalidConfig, "Unknown topic config name: nope"),
                (Creatable(name: "cfg3", numPartitions: 1, replicationFactor: 1, configs: [.init(name: "cleanup.policy", value: "zap")]),
                 .invalidConfig, "Invalid value zap for configuration cleanup.policy: String must be one of: compact, delete"),
                (Creatable(name: "asg", numPartitions: -1, replicationFactor: -1, assignments: [.init(partitionIndex: 0, brokerIds: [2])]),
                 .invalidReplicaAssignment, "The manual partition assignment includes broker 2, but no such broker is registered."),
            ]
            for (topic, code, message) in cases {
                let result = try #require(try await Self.create([topic], on: connection).first)
                #expect(result.errorCode == code.rawValue, "\(topic.name)")
                #expect(result.errorMessage == message)
            }
            #expect(await broker.topicManager.allTopics().map(\.name) == ["a_b"])
        }
    }

    @Test func validateOnlyAndManualAssignment() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let dry = try await Self.create([Creatable(name: "dry", numPartitions: 3, replicationFactor: 1)], on: connection, validateOnly: true)
            #expect(dry.first?.errorCode == 0)
            #expect(await broker.topicManager.topic(named: "dry") == nil)
            let manual = Creatable(
                name: "manual", numPartitions: -1, replicationFactor: -1,
                assignments: [.init(partitionIndex: 1, brokerIds: [1]), .init(partitionIndex: 0, brokerIds: [1])])
            let result = try await Self.create([manual], on: connection, version: 4)
            #expect(result.first?.errorCode == 0)
            #expect(await broker.topicManager.topic(named: "manual")?.partitions.count == 2)
        }
    }

    @Test func deleteTopicsByNameAndId() async throws {
        try await TestBroker.with { broker in
            let one = try await broker.topicManager.createTopic("one", partitions: 1, configs: [:])
            _ = try await broker.topicManager.createTopic("two", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let (_, byName) = try await connection.roundTrip(DeleteTopicsRequest(topicNames: ["two", "ghost"]), version: 5)
            #expect(byName.responses.map(\.errorCode) == [0, ErrorCode.unknownTopicOrPartition.rawValue])
            let (_, byId) = try await connection.roundTrip(
                DeleteTopicsRequest(topics: [.init(name: nil, topicId: one.id)]), version: 6)
            #expect(byId.responses.map(\.errorCode) == [0])
            #expect(await broker.topicManager.allTopics().isEmpty)
        }
        try await TestBroker.with(extra: ["delete.topic.enable": "false"]) { broker in
            _ = try await broker.topicManager.createTopic("kept", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(DeleteTopicsRequest(topicNames: ["kept"]), version: 5)
            #expect(body.responses.map(\.errorCode) == [ErrorCode.topicDeletionDisabled.rawValue])
            #expect(await broker.topicManager.topic(named: "kept") != nil)
        }
    }

    @Test func createPartitionsIncreasesOnly() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("grow", partitions: 2, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            func send(_ count: Int32, validateOnly: Bool = false) async throws -> CreatePartitionsResponse.CreatePartitionsTopicResult? {
                let request = CreatePartitionsRequest(topics: [.init(name: "grow", count: count, assignments: nil)], validateOnly: validateOnly)
                return try await connection.roundTrip(request, version: 3).body.results.first
            }
            #expect(try await send(2)?.errorMessage == "Topic already has 2 partition(s).")
            #expect(try await send(1)?.errorMessage == "The topic grow currently has 2 partition(s); 1 would not be an increase.")
            #expect(try await send(5, validateOnly: true)?.errorCode == 0)
            #expect(await broker.topicManager.topic(named: "grow")?.partitions.count == 2)
            #expect(try await send(4)?.errorCode == 0)
            #expect(await broker.topicManager.topic(named: "grow")?.partitions.count == 4)
            #expect(await broker.topicManager.partitionLog(TopicPartition(topic: "grow", partition: 3)) != nil)
        }
    }
}
