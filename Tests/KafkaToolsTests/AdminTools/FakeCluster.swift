import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// A one-broker (or more) cluster in memory that answers the admin calls as Kafka does, for testing the tools'
/// whole flow without a network. Every call is recorded by name.
actor FakeCluster: AdminOperations {
    struct Topic {
        var id: KafkaUUID
        var isInternal = false
        var partitions: [TopicPartitionDescription]
        var overrides: [String: String] = [:]
    }

    static let topicDefaults: [(name: String, value: String, synonym: String)] = [
        ("cleanup.policy", "delete", "log.cleanup.policy"), ("min.insync.replicas", "1", "min.insync.replicas"),
        ("retention.ms", "604800000", "log.retention.hours"), ("segment.bytes", "1073741824", "log.segment.bytes"),
    ]

    var topics: [String: Topic] = [:]
    var brokers: [BrokerNode]
    var dynamicBrokerConfigs: [String: [String: String]] = [:]
    var calls: [String] = []
    /// Thrown by every call, e.g. an unreachable cluster.
    var failure: KafkaClientError?
    /// Describe answers through Metadata (no ELR), as an older broker would.
    var metadataOnly = false
    private var nextId: UInt64 = 1
    private(set) var closed = false

    init(brokers: Int32 = 1) {
        self.brokers = (1...brokers).map { BrokerNode(id: $0, host: "localhost", port: 9091 + $0) }
    }

    func set(failure: KafkaClientError?) { self.failure = failure }
    func set(metadataOnly: Bool) { self.metadataOnly = metadataOnly }

    func addTopic(
        _ name: String, partitions: Int = 1, isInternal: Bool = false, overrides: [String: String] = [:],
        isr: [Int32]? = nil, leader: Int32?? = .some(1)
    ) {
        topics[name] = Topic(
            id: makeId(), isInternal: isInternal,
            partitions: (0..<partitions).map {
                TopicPartitionDescription(
                    partition: Int32($0), leader: leader ?? nil, replicas: [1], isr: isr ?? [1],
                    eligibleLeaderReplicas: [], lastKnownEligibleLeaderReplicas: [])
            },
            overrides: overrides)
    }

    func setPartitions(_ name: String, _ partitions: [TopicPartitionDescription]) {
        topics[name]?.partitions = partitions
    }

    private func makeId() -> KafkaUUID {
        defer { nextId += 1 }
        return KafkaUUID(mostSignificantBits: 0x1234_5678_9ABC_DEF0, leastSignificantBits: nextId)
    }

    private func record(_ call: String) throws {
        calls.append(call)
        if let failure { throw failure }
    }

    // MARK: - AdminOperations

    func close() async { closed = true }

    func describeCluster(deadline: ContinuousClock.Instant?) async throws -> ClusterDescription {
        try record("describeCluster")
        return ClusterDescription(clusterId: "fake-cluster", controllerId: brokers.first?.id, nodes: brokers)
    }

    func listTopics(includeInternal: Bool, deadline: ContinuousClock.Instant?) async throws -> [TopicListing] {
        try record("listTopics")
        return topics.filter { includeInternal || !$0.value.isInternal }
            .map { TopicListing(name: $0.key, topicId: $0.value.id, isInternal: $0.value.isInternal) }
            .sorted { $0.name < $1.name }
    }

    func describeTopics(_ names: [String], partitionLimitPerResponse: Int32, deadline: ContinuousClock.Instant?)
        async throws -> [TopicDescription]
    {
        try record("describeTopics")
        return try names.map { name in
            guard let topic = topics[name] else {
                throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicOrPartition))
            }
            return describe(name, topic)
        }
    }

    func describeTopics(topicIds: [KafkaUUID], deadline: ContinuousClock.Instant?) async throws -> [TopicDescription] {
        try record("describeTopicsById")
        return try topicIds.map { id in
            guard let (name, topic) = topics.first(where: { $0.value.id == id }) else {
                throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicId))
            }
            var description = describe(name, topic)
            for index in description.partitions.indices {
                description.partitions[index].eligibleLeaderReplicas = nil
                description.partitions[index].lastKnownEligibleLeaderReplicas = nil
            }
            return description
        }
    }

    private func describe(_ name: String, _ topic: Topic) -> TopicDescription {
        var description = TopicDescription(
            name: name, topicId: topic.id, isInternal: topic.isInternal, partitions: topic.partitions)
        if metadataOnly {
            for index in description.partitions.indices {
                description.partitions[index].eligibleLeaderReplicas = nil
                description.partitions[index].lastKnownEligibleLeaderReplicas = nil
            }
        }
        return description
    }

    func createTopics(_ newTopics: [NewTopic], validateOnly: Bool, deadline: ContinuousClock.Instant?) async throws
        -> [String: KafkaBrokerError]
    {
        try record("createTopics")
        var failures: [String: KafkaBrokerError] = [:]
        for topic in newTopics {
            if topics[topic.name] != nil {
                failures[topic.name] = KafkaBrokerError(
                    .topicAlreadyExists, message: "Topic '\(topic.name)' already exists.")
                continue
            }
            if let unknown = topic.configs.keys.sorted().first(where: { key in
                !Self.topicDefaults.contains { $0.name == key }
            }) {
                failures[topic.name] = KafkaBrokerError(
                    .invalidConfig, message: "Unknown topic config name: \(unknown)")
                continue
            }
            let factor = Int(topic.replicationFactor == -1 ? 1 : topic.replicationFactor)
            if factor > brokers.count {
                failures[topic.name] = KafkaBrokerError(
                    .invalidReplicationFactor,
                    message:
                        "Unable to replicate the partition \(factor) time(s): The target replication factor of \(factor) cannot be reached because only \(brokers.count) broker(s) are registered."
                )
                continue
            }
            if validateOnly { continue }
            let count =
                topic.replicaAssignment.isEmpty
                ? Int(topic.numPartitions == -1 ? 1 : topic.numPartitions) : topic.replicaAssignment.count
            let replicas = Array(brokers.prefix(factor).map(\.id))
            topics[topic.name] = Topic(
                id: makeId(),
                partitions: (0..<count).map { index in
                    let assigned = topic.replicaAssignment[Int32(index)] ?? replicas
                    return TopicPartitionDescription(
                        partition: Int32(index), leader: assigned.first, replicas: assigned, isr: assigned,
                        eligibleLeaderReplicas: [], lastKnownEligibleLeaderReplicas: [])
                },
                overrides: topic.configs)
        }
        return failures
    }

    func deleteTopics(_ names: [String], deadline: ContinuousClock.Instant?) async throws -> [String: KafkaBrokerError]
    {
        try record("deleteTopics")
        var failures: [String: KafkaBrokerError] = [:]
        for name in names {
            if topics.removeValue(forKey: name) == nil { failures[name] = KafkaBrokerError(.unknownTopicOrPartition) }
        }
        return failures
    }

    func createPartitions(
        _ newTotals: [String: Int32], assignments: [String: [[Int32]]], validateOnly: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [String: KafkaBrokerError] {
        try record("createPartitions")
        var failures: [String: KafkaBrokerError] = [:]
        for (name, total) in newTotals {
            guard var topic = topics[name] else {
                failures[name] = KafkaBrokerError(.unknownTopicOrPartition)
                continue
            }
            let current = topic.partitions.count
            guard Int(total) > current else {
                failures[name] = KafkaBrokerError(
                    .invalidPartitions,
                    message:
                        "The topic \(name) currently has \(current) partition(s); \(total) would not be an increase.")
                continue
            }
            for index in current..<Int(total) {
                let assigned =
                    assignments[name].flatMap { $0.indices.contains(index - current) ? $0[index - current] : nil } ?? [
                        1
                    ]
                topic.partitions.append(
                    TopicPartitionDescription(
                        partition: Int32(index), leader: assigned.first, replicas: assigned, isr: assigned,
                        eligibleLeaderReplicas: [], lastKnownEligibleLeaderReplicas: []))
            }
            topics[name] = topic
        }
        return failures
    }

    func describeConfigs(
        _ resources: [ConfigResource], includeSynonyms: Bool, includeDocumentation: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: [ConfigEntry]] {
        try record("describeConfigs")
        var result: [ConfigResource: [ConfigEntry]] = [:]
        for resource in resources {
            switch resource.type {
            case .topic:
                guard let topic = topics[resource.name] else {
                    throw KafkaClientError.broker(
                        KafkaBrokerError(
                            .unknownTopicOrPartition, message: "The topic '\(resource.name)' does not exist."))
                }
                result[resource] = Self.topicDefaults.map { name, value, synonym in
                    let defaultSynonym = ConfigSynonym(name: synonym, value: value, source: .defaultConfig)
                    if let override = topic.overrides[name] {
                        return ConfigEntry(
                            name: name, value: override, source: .dynamicTopicConfig,
                            synonyms: includeSynonyms
                                ? [
                                    ConfigSynonym(name: name, value: override, source: .dynamicTopicConfig),
                                    defaultSynonym,
                                ]
                                : [])
                    }
                    return ConfigEntry(
                        name: name, value: value, source: .defaultConfig,
                        synonyms: includeSynonyms ? [defaultSynonym] : [])
                }
            case .broker:
                let dynamic = dynamicBrokerConfigs[resource.name] ?? [:]
                let source: ConfigSource = resource.name.isEmpty ? .dynamicDefaultBrokerConfig : .dynamicBrokerConfig
                var entries = dynamic.sorted { $0.key < $1.key }.map { name, value in
                    ConfigEntry(
                        name: name, value: value, source: source,
                        synonyms: includeSynonyms ? [ConfigSynonym(name: name, value: value, source: source)] : [])
                }
                entries.append(
                    ConfigEntry(
                        name: "ssl.keystore.password", value: nil, source: .staticBrokerConfig, isSensitive: true,
                        synonyms: includeSynonyms
                            ? [ConfigSynonym(name: "ssl.keystore.password", value: nil, source: .staticBrokerConfig)]
                            : []))
                result[resource] = entries
            default:
                throw KafkaClientError.broker(KafkaBrokerError(.invalidRequest))
            }
        }
        return result
    }

    func incrementalAlterConfigs(
        _ changes: [ConfigResource: [AlterConfigOperation]], validateOnly: Bool, deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: KafkaBrokerError] {
        try record("incrementalAlterConfigs")
        var failures: [ConfigResource: KafkaBrokerError] = [:]
        for (resource, operations) in changes {
            switch resource.type {
            case .topic:
                guard var topic = topics[resource.name] else {
                    failures[resource] = KafkaBrokerError(.unknownTopicOrPartition)
                    continue
                }
                if let unknown = operations.first(where: { op in !Self.topicDefaults.contains { $0.name == op.name } })
                {
                    failures[resource] = KafkaBrokerError(
                        .invalidConfig, message: "Unknown topic config name: \(unknown.name)")
                    continue
                }
                for operation in operations {
                    topic.overrides[operation.name] = operation.kind == .set ? operation.value : nil
                }
                topics[resource.name] = topic
            case .broker:
                var dynamic = dynamicBrokerConfigs[resource.name] ?? [:]
                for operation in operations { dynamic[operation.name] = operation.kind == .set ? operation.value : nil }
                dynamicBrokerConfigs[resource.name] = dynamic
            default:
                failures[resource] = KafkaBrokerError(.invalidRequest)
            }
        }
        return failures
    }
}
