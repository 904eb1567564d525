import Foundation
import KafkaProtocol
import KafkaStorage
import Testing
@testable import KafkaBroker

@Suite struct AdminConfigsTests {
    typealias Alterable = IncrementalAlterConfigsRequest.AlterableConfig

    static func describe(_ name: String, type: Int8 = 2, keys: [String]? = nil, on connection: TestConnection)
        async throws -> DescribeConfigsResponse.DescribeConfigsResult
    {
        let request = DescribeConfigsRequest(
            resources: [.init(resourceType: type, resourceName: name, configurationKeys: keys)], includeSynonyms: true)
        return try #require(try await connection.roundTrip(request, version: 4).body.results.first)
    }

    @Test func describeTopicSourcesAndSynonyms() async throws {
        try await TestBroker.with(extra: ["log.retention.hours": "24"]) { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: ["segment.bytes": "2097152"])
            let connection = try await TestConnection(port: broker.port)
            let result = try await Self.describe("t", on: connection)
            #expect(result.errorCode == 0)
            let configs = Dictionary(uniqueKeysWithValues: result.configs.map { ($0.name, $0) })
            #expect(configs.count == TopicConfigs.all.count)
            let retention = try #require(configs["retention.ms"])
            #expect(retention.value == "86400000")
            #expect(retention.configSource == ConfigSource.staticBrokerConfig.rawValue)
            #expect(retention.synonyms.map(\.name) == ["log.retention.hours", "log.retention.hours"])
            #expect(retention.synonyms.map(\.source) == [4, 5])
            #expect(retention.configType == ConfigDefinition.ValueType.long.rawValue)
            #expect(retention.documentation == nil)
            let segment = try #require(configs["segment.bytes"])
            #expect(segment.value == "2097152")
            #expect(segment.configSource == ConfigSource.dynamicTopicConfig.rawValue)
            #expect(configs["cleanup.policy"]?.configSource == ConfigSource.defaultConfig.rawValue)

            let missing = try await Self.describe("ghost", on: connection)
            #expect(missing.errorCode == ErrorCode.unknownTopicOrPartition.rawValue)
            let broker2 = try await Self.describe("2", type: 4, on: connection)
            #expect(broker2.errorMessage == "Unexpected broker id, expected 1 or empty string, but received 2")
            let brokerConfigs = try await Self.describe("1", type: 4, keys: ["num.partitions"], on: connection)
            #expect(brokerConfigs.configs.map(\.value) == ["1"])
        }
    }

    @Test func incrementalAlterTopicAndBrokerDefault() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: ["retention.ms": "1000"])
            let connection = try await TestConnection(port: broker.port)
            func alter(_ type: Int8, _ name: String, _ configs: [Alterable]) async throws
                -> IncrementalAlterConfigsResponse.AlterConfigsResourceResponse?
            {
                let request = IncrementalAlterConfigsRequest(resources: [.init(resourceType: type, resourceName: name, configs: configs)])
                return try await connection.roundTrip(request, version: 1).body.responses.first
            }
            let ok = try await alter(2, "t", [
                Alterable(name: "retention.ms", configOperation: 1, value: nil),
                Alterable(name: "max.message.bytes", configOperation: 0, value: "2048"),
                Alterable(name: "cleanup.policy", configOperation: 2, value: "compact"),
            ])
            #expect(ok?.errorCode == 0)
            #expect(await broker.topicManager.configOverrides(of: "t") == ["max.message.bytes": "2048", "cleanup.policy": "delete,compact"])
            let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "t", partition: 0)))
            #expect(await log.config.maxMessageBytes == 2048)

            let append = try await alter(2, "t", [Alterable(name: "retention.ms", configOperation: 2, value: "5")])
            #expect(append?.errorCode == ErrorCode.invalidConfig.rawValue)
            #expect(append?.errorMessage == "Config value append is not allowed for config key: retention.ms")
            let bad = try await alter(2, "t", [Alterable(name: "segment.bytes", configOperation: 0, value: "10")])
            #expect(bad?.errorMessage == "Invalid value 10 for configuration segment.bytes: Value must be at least 1048576")

            let defaults = try await alter(4, "", [Alterable(name: "log.retention.ms", configOperation: 0, value: "5000")])
            #expect(defaults?.errorCode == 0)
            let described = try await Self.describe("t", keys: ["retention.ms"], on: connection)
            #expect(described.configs.first?.value == "5000")
            #expect(described.configs.first?.configSource == ConfigSource.dynamicDefaultBrokerConfig.rawValue)
            let readOnly = try await alter(4, "", [Alterable(name: "node.id", configOperation: 0, value: "3")])
            #expect(readOnly?.errorMessage == "Cannot update these configs dynamically: Set(node.id)")
        }
    }

    @Test func legacyAlterConfigsReplacesOverrides() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: ["retention.ms": "1000"])
            let connection = try await TestConnection(port: broker.port)
            let request = AlterConfigsRequest(resources: [
                .init(resourceType: 2, resourceName: "t", configs: [.init(name: "segment.ms", value: "60000")])
            ])
            let (_, body) = try await connection.roundTrip(request, version: 2)
            #expect(body.responses.map(\.errorCode) == [0])
            #expect(await broker.topicManager.configOverrides(of: "t") == ["segment.ms": "60000"])
        }
    }

    @Test func restartKeepsTopicsIdsAndConfigs() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("admin-restart-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try TestBroker.config(extra: ["log.dirs": directory])
        let first = try await TopicManager.open(config: config, clusterId: "restart-cluster")
        let created = try await first.createTopic("kept", partitions: 3, configs: ["retention.ms": "12345"])
        try await first.shutdown()

        let second = try await TopicManager.open(config: config, clusterId: "other-id-ignored")
        #expect(second.clusterId == "restart-cluster")
        #expect(await second.topic(named: "kept") == created)
        #expect(await second.configOverrides(of: "kept") == ["retention.ms": "12345"])
        try await second.shutdown()

        var otherNode = config
        otherNode.nodeId = 7
        await #expect(throws: BrokerStartError.self) { _ = try await TopicManager.open(config: otherNode, clusterId: "x") }
        var twoDirs = config
        twoDirs.logDirs = [directory, directory + "-2"]
        do {
            _ = try await TopicManager.open(config: twoDirs, clusterId: "x")
            Issue.record("several log dirs were accepted")
        } catch let error as BrokerStartError {
            #expect(error.description == "multiple log.dirs are not supported yet")
        }
    }

    @Test(arguments: Array(DescribeConfigsHandler.versions))
    func describeEveryVersion(version: Int16) async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = DescribeConfigsRequest(
                resources: [.init(resourceType: 2, resourceName: "t", configurationKeys: nil),
                            .init(resourceType: 4, resourceName: "", configurationKeys: nil)],
                includeSynonyms: version >= 1)
            let (_, body) = try await connection.roundTrip(request, version: version)
            #expect(body.results.map(\.errorCode) == [0, 0])
            if version == 0 { #expect(body.results.first?.configs.allSatisfy(\.isDefault) == true) }
        }
    }

    @Test func describeCluster() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let (_, body) = try await connection.roundTrip(DescribeClusterRequest(), version: 2)
            #expect(body.clusterId == "test-cluster-id")
            #expect(body.controllerId == 1)
            #expect(body.brokers.map(\.port) == [Int32(broker.port)])
        }
    }
}
