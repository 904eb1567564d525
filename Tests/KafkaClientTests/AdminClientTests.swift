import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import Testing

@Suite struct AdminClientTests {
    @Test func createsListsDescribesAndDeletesTopics() async throws {
        try await InProcessBroker.with { broker in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            let failures = try await admin.createTopics([
                NewTopic(name: "orders", numPartitions: 3, replicationFactor: 1, configs: ["retention.ms": "3600000"])
            ])
            #expect(failures.isEmpty)
            let again = try await admin.createTopics([NewTopic(name: "orders", numPartitions: 1)])
            #expect(again["orders"]?.code == .topicAlreadyExists)
            #expect(again["orders"]?.description == "Topic 'orders' already exists.")

            #expect(try await admin.listTopics().map(\.name) == ["orders"])
            let described = try await admin.describeTopics(["orders"])
            #expect(described.count == 1)
            #expect(described[0].partitions.map(\.partition) == [0, 1, 2])
            #expect(described[0].partitions.allSatisfy { $0.leader == 1 && $0.replicas == [1] && $0.isr == [1] })
            #expect(described[0].topicId != .zero)

            let byId = try await admin.describeTopics(topicIds: [described[0].topicId])
            #expect(byId.map(\.name) == ["orders"])

            #expect(try await admin.createPartitions(["orders": 5]).isEmpty)
            #expect(try await admin.describeTopics(["orders"])[0].partitions.count == 5)

            await #expect {
                _ = try await admin.describeTopics(["missing"])
            } throws: { error in
                (error as? KafkaClientError)?.brokerError?.code == .unknownTopicOrPartition
            }

            #expect(try await admin.deleteTopics(["orders"]).isEmpty)
            #expect(try await admin.listTopics().isEmpty)
            await admin.close()
        }
    }

    @Test func describesAndAltersConfigs() async throws {
        try await InProcessBroker.with { broker in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            _ = try await admin.createTopics([NewTopic(name: "t", numPartitions: 1)])
            let topic = ConfigResource(type: .topic, name: "t")
            let failures = try await admin.incrementalAlterConfigs([
                topic: [AlterConfigOperation(name: "retention.ms", value: "1000", kind: .set)]
            ])
            #expect(failures.isEmpty)
            let configs = try await admin.describeConfigs([topic])
            let retention = try #require(configs[topic]?.first { $0.name == "retention.ms" })
            #expect(retention.value == "1000")
            #expect(retention.source == .dynamicTopicConfig)
            #expect(retention.synonyms.first?.source == .dynamicTopicConfig)

            let unknown = try await admin.incrementalAlterConfigs([
                topic: [AlterConfigOperation(name: "no.such.config", value: "1", kind: .set)]
            ])
            #expect(unknown[topic]?.code == .invalidConfig)

            let broker1 = ConfigResource(type: .broker, name: "1")
            let brokerConfigs = try await admin.describeConfigs([broker1])
            #expect(brokerConfigs[broker1]?.contains { $0.name == "log.retention.ms" } == true)

            let cluster = try await admin.describeCluster()
            #expect(cluster.nodes.map(\.id) == [1])
            #expect(cluster.clusterId == "test-cluster-id")
            await admin.close()
        }
    }

    @Test func unreachableBootstrapFailsWithinTheDeadlineNamingTheAddress() async throws {
        let admin = try KafkaAdminClient(properties: [
            "bootstrap.servers": "127.0.0.1:1", "retry.backoff.ms": "50",
        ])
        let start = ContinuousClock.now
        await #expect {
            _ = try await admin.listTopics(deadline: .now + .milliseconds(500))
        } throws: { error in
            "\(error)".hasPrefix("Could not connect to any bootstrap server (127.0.0.1:1): ")
        }
        #expect(ContinuousClock.now - start < .seconds(15))
        await admin.close()
    }
}

@Suite struct ConnectionErrorTextTests {
    @Test func refusedAndUnresolvableAddressesGiveTheSystemsReason() async throws {
        for (servers, reason) in [("127.0.0.1:1", "Connection refused"), ("nosuch.invalid:9092", "could not resolve host nosuch.invalid")] {
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": servers, "retry.backoff.ms": "50"])
            await #expect {
                _ = try await admin.listTopics(deadline: .now + .milliseconds(300))
            } throws: { error in
                "\(error)" == "Could not connect to any bootstrap server (\(servers)): \(reason)"
            }
            await admin.close()
        }
    }
}
