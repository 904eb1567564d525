import KafkaClient
import KafkaProtocol
import Testing

@testable import KafkaTools

/// Exact `--describe` lines (⇥ written as \t).
@Suite struct TopicDescriptionTextTests {
    static let id = KafkaUUID(base64: "q6t8O81ZR3Odgwr8kOJx6Q") ?? .zero

    static func topic(partitions: [TopicPartitionDescription]) -> TopicDescription {
        TopicDescription(name: "orders", topicId: id, isInternal: false, partitions: partitions)
    }

    static func partition(
        _ id: Int32, leader: Int32? = 1, replicas: [Int32] = [1], isr: [Int32] = [1], elr: [Int32]? = []
    ) -> TopicPartitionDescription {
        TopicPartitionDescription(
            partition: id, leader: leader, replicas: replicas, isr: isr, eligibleLeaderReplicas: elr,
            lastKnownEligibleLeaderReplicas: elr)
    }

    @Test func headerWithAnOverrideAndPartitionLines() {
        let topic = Self.topic(partitions: [Self.partition(0), Self.partition(1)])
        let configs = [
            ConfigEntry(name: "cleanup.policy", value: "delete", source: .defaultConfig),
            ConfigEntry(name: "segment.bytes", value: "1073741824", source: .staticBrokerConfig),
        ]
        #expect(
            TopicDescriptionText.header(topic: topic, configs: configs)
                == "Topic: orders\tTopicId: q6t8O81ZR3Odgwr8kOJx6Q\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: segment.bytes=1073741824"
        )
        #expect(
            TopicDescriptionText.partition(topic: "orders", topic.partitions[0])
                == "\tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tElr: \tLastKnownElr: ")
    }

    @Test func noOverridesLeavesATrailingSpace() {
        let topic = Self.topic(partitions: [Self.partition(0, replicas: [1, 2, 3], isr: [3, 1])])
        #expect(
            TopicDescriptionText.header(topic: topic, configs: [])
                == "Topic: orders\tTopicId: q6t8O81ZR3Odgwr8kOJx6Q\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: ")
    }

    @Test func zeroTopicIdIsLeftOut() {
        let topic = TopicDescription(name: "t", topicId: .zero, isInternal: false, partitions: [Self.partition(0)])
        #expect(TopicDescriptionText.header(topic: topic, configs: []).hasPrefix("Topic: t\tPartitionCount: 1\t"))
    }

    @Test func noLeaderAndMetadataFallback() {
        let partition = Self.partition(3, leader: nil, replicas: [1, 2], isr: [], elr: nil)
        #expect(
            TopicDescriptionText.partition(topic: "orders", partition)
                == "\tTopic: orders\tPartition: 3\tLeader: none\tReplicas: 1,2\tIsr: \tElr: N/A\tLastKnownElr: N/A")
    }

    @Test func overridesComeOutInJavaHashMapOrder() {
        let topic = TopicDescription(
            name: "__consumer_offsets", topicId: .zero, isInternal: true, partitions: [Self.partition(0)])
        let configs = [
            ConfigEntry(name: "cleanup.policy", value: "compact", source: .dynamicTopicConfig),
            ConfigEntry(name: "retention.ms", value: "604800000", source: .defaultConfig),
            ConfigEntry(name: "segment.bytes", value: "104857600", source: .dynamicTopicConfig),
            ConfigEntry(name: "compression.type", value: "producer", source: .dynamicTopicConfig),
            ConfigEntry(name: "ssl.password", value: nil, source: .dynamicTopicConfig),
        ]
        #expect(
            TopicDescriptionText.header(topic: topic, configs: configs).hasSuffix(
                "\tConfigs: compression.type=producer,cleanup.policy=compact,ssl.password=null,segment.bytes=104857600")
        )
    }

    @Test func reportFilters() {
        let live: Set<Int32> = [1, 2]
        let underReplicated = Self.partition(0, replicas: [1, 2], isr: [1])
        let healthy = Self.partition(1, replicas: [1, 2], isr: [1, 2])
        let leaderless = Self.partition(2, leader: nil, replicas: [1, 2], isr: [])
        let deadLeader = Self.partition(3, leader: 3, replicas: [3, 1], isr: [3, 1])
        func shown(_ filter: PartitionFilter, minIsr: Int = 2) -> [Int32] {
            [underReplicated, healthy, leaderless, deadLeader]
                .filter { filter.printsPartition($0, minIsr: minIsr, liveBrokers: live) }.map(\.partition)
        }
        #expect(shown(PartitionFilter()) == [0, 1, 2, 3])
        #expect(shown(PartitionFilter(underReplicated: true)) == [0, 2])
        #expect(shown(PartitionFilter(unavailable: true)) == [2, 3])
        #expect(shown(PartitionFilter(underMinIsr: true)) == [0, 2])
        #expect(shown(PartitionFilter(atMinIsr: true)) == [1, 3])
        #expect(shown(PartitionFilter(underReplicated: true, unavailable: true)) == [0, 2, 3])
        #expect(!PartitionFilter(underReplicated: true).printsHeader(configs: []))
        let overridden = [ConfigEntry(name: "retention.ms", value: "1", source: .dynamicTopicConfig)]
        #expect(!PartitionFilter(topicsWithOverrides: true).printsHeader(configs: []))
        #expect(PartitionFilter(topicsWithOverrides: true).printsHeader(configs: overridden))
        #expect(!PartitionFilter(topicsWithOverrides: true).printsPartitions)
        #expect(
            PartitionFilter.minIsr([ConfigEntry(name: "min.insync.replicas", value: "2", source: .defaultConfig)]) == 2)
        #expect(PartitionFilter.minIsr([]) == 1)
    }
}
