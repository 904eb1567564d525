import KafkaProtocol
import KafkaStorage
import Testing
@testable import KafkaBroker

@Suite struct BrokerDynamicDefaultsTests {
    typealias Alterable = IncrementalAlterConfigsRequest.AlterableConfig

    static func alterDefaults(_ configs: [Alterable], on connection: TestConnection) async throws -> Int16? {
        let request = IncrementalAlterConfigsRequest(resources: [.init(resourceType: 4, resourceName: "", configs: configs)])
        return try await connection.roundTrip(request, version: 1).body.responses.first?.errorCode
    }

    static func log(_ topic: String, _ broker: TestBroker) async throws -> PartitionLog {
        try #require(await broker.topicManager.partitionLog(TopicPartition(topic: topic, partition: 0)))
    }

    @Test func appliedToLogsWithoutAnOverride() async throws {
        try await TestBroker.with(extra: ["log.retention.ms": "1000"]) { broker in
            _ = try await broker.topicManager.createTopic("plain", partitions: 1, configs: [:])
            _ = try await broker.topicManager.createTopic("own", partitions: 1, configs: ["segment.bytes": "2097152"])
            let connection = try await TestConnection(port: broker.port)
            let code = try await Self.alterDefaults([
                Alterable(name: "log.segment.bytes", configOperation: 0, value: "3145728"),
                Alterable(name: "log.retention.hours", configOperation: 0, value: "2"),
            ], on: connection)
            #expect(code == 0)
            let plain = try await Self.log("plain", broker)
            let own = try await Self.log("own", broker)
            #expect(await plain.config.segmentBytes == 3_145_728)
            #expect(await own.config.segmentBytes == 2_097_152)
            // The static log.retention.ms is more specific than a dynamic log.retention.hours, as in Apache.
            #expect(await plain.config.retentionMs == 1000)

            // New topics start from the new defaults too.
            _ = try await broker.topicManager.createTopic("later", partitions: 1, configs: [:])
            #expect(try await Self.log("later", broker).config.segmentBytes == 3_145_728)

            // Dropping the dynamic default goes back to the static/Apache value.
            #expect(try await Self.alterDefaults([Alterable(name: "log.segment.bytes", configOperation: 1, value: nil)], on: connection) == 0)
            #expect(await plain.config.segmentBytes == 1_073_741_824)
        }
    }

    @Test func validateOnlyChangesNothing() async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = IncrementalAlterConfigsRequest(
                resources: [.init(resourceType: 4, resourceName: "", configs: [Alterable(name: "message.max.bytes", configOperation: 0, value: "5000")])],
                validateOnly: true)
            #expect(try await connection.roundTrip(request, version: 1).body.responses.first?.errorCode == 0)
            #expect(await broker.topicManager.dynamicBrokerDefaults.isEmpty)
            #expect(try await broker.topicManager.logManager.readBrokerDefaults().isEmpty)
            #expect(try await Self.log("t", broker).config.maxMessageBytes == 1_048_588)
        }
    }

    @Test func persistedAndReloadedAtStartUp() async throws {
        let disk = InMemoryFileSystem()
        try await TestBroker.with(fileSystem: disk) { broker in
            _ = try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let connection = try await TestConnection(port: broker.port)
            let request = AlterConfigsRequest(resources: [
                .init(resourceType: 4, resourceName: "", configs: [.init(name: "message.max.bytes", value: "4096")])
            ])
            #expect(try await connection.roundTrip(request, version: 2).body.responses.first?.errorCode == 0)
        }
        #expect(disk.contents(of: "/logs/__broker_configs.properties") == Array("message.max.bytes=4096\n".utf8))
        // A key that no longer validates is skipped at start-up; the others still apply.
        disk.setContents(Array("message.max.bytes=4096\nnode.id=7\n".utf8), of: "/logs/__broker_configs.properties")

        try await TestBroker.with(fileSystem: disk) { broker in
            #expect(await broker.topicManager.dynamicBrokerDefaults == ["message.max.bytes": "4096"])
            #expect(try await Self.log("t", broker).config.maxMessageBytes == 4096)
            #expect(await broker.topicManager.allTopics().map(\.name) == ["t"])
            let connection = try await TestConnection(port: broker.port)
            let topic = try await AdminConfigsTests.describe("t", keys: ["max.message.bytes"], on: connection)
            #expect(topic.configs.first?.value == "4096")
            #expect(topic.configs.first?.configSource == ConfigSource.dynamicDefaultBrokerConfig.rawValue)
            let brokerEntity = try await AdminConfigsTests.describe("", type: 4, keys: ["message.max.bytes"], on: connection)
            #expect(brokerEntity.configs.first?.value == "4096")
            #expect(brokerEntity.configs.first?.configSource == ConfigSource.dynamicDefaultBrokerConfig.rawValue)
        }
    }

    @Test func logDefaultsFollowResolverPrecedence() throws {
        let config = try TestBroker.config(extra: ["log.roll.ms": "5000"])
        let resolver = TopicConfigResolver(
            brokerConfig: config,
            dynamicBrokerDefaults: ["log.roll.hours": "1", "log.retention.minutes": "3", "log.message.timestamp.type": "LogAppendTime"])
        let defaults = resolver.logDefaults
        #expect(defaults.segmentMs == 5000)
        #expect(defaults.retentionMs == 180_000)
        #expect(defaults.timestampType == .logAppendTime)
        #expect(TopicConfigResolver(brokerConfig: config).logDefaults == config.logConfig)
    }
}
