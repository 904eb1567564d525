import KafkaCLISupport
import KafkaClient
import KafkaProtocol

@testable import KafkaTools

/// A cluster with groups in memory for kafka-consumer-groups: topics come from a `FakeCluster`, logs are
/// `[start, end)` per partition with one record per second from `firstTimestamp`, groups hold members and
/// committed offsets.
actor FakeGroupCluster: GroupAdminOperations {
    let topics = FakeCluster()
    var groups: [String: GroupDescription] = [:]
    var committed: [String: [TopicPartition: CommittedOffset]] = [:]
    var logs: [TopicPartition: (start: Int64, end: Int64)] = [:]
    var supportsOffsetDelete = true
    static let firstTimestamp: Int64 = 1_600_000_000_000
    static let coordinator = BrokerNode(id: 1, host: "localhost", port: 9092)

    func addTopic(_ name: String, partitions: Int, start: Int64 = 0, end: Int64) async {
        await topics.addTopic(name, partitions: partitions)
        for partition in 0..<partitions { logs[TopicPartition(topic: name, partition: Int32(partition))] = (start, end) }
    }

    func addGroup(
        _ id: String, state: String = "Empty", members: [GroupMemberDescription] = [],
        offsets: [TopicPartition: Int64] = [:]
    ) {
        groups[id] = GroupDescription(
            groupId: id, state: state, protocolType: "consumer", protocolName: members.isEmpty ? "" : "range",
            coordinator: Self.coordinator, members: members)
        committed[id] = offsets.mapValues { CommittedOffset(offset: $0, leaderEpoch: 0, metadata: "") }
    }

    func set(supportsOffsetDelete: Bool) { self.supportsOffsetDelete = supportsOffsetDelete }

    // MARK: - GroupAdminOperations

    func listGroups(states: [String], types: [String], deadline: ContinuousClock.Instant?) async throws
        -> [GroupListing]
    {
        groups.values.sorted { $0.groupId < $1.groupId }
            .filter { states.isEmpty || states.contains($0.state) }
            .map { GroupListing(groupId: $0.groupId, protocolType: $0.protocolType, state: $0.state, type: "classic") }
    }

    func describeGroups(_ groupIds: [String], deadline: ContinuousClock.Instant?) async throws -> [GroupDescription] {
        groupIds.map { groups[$0] ?? GroupCalls.dead($0) }
    }

    func listGroupOffsets(_ groupId: String, partitions: [TopicPartition]?, deadline: ContinuousClock.Instant?)
        async throws -> [TopicPartition: CommittedOffset]
    {
        committed[groupId] ?? [:]
    }

    func alterGroupOffsets(_ groupId: String, offsets: [TopicPartition: Int64], deadline: ContinuousClock.Instant?)
        async throws
    {
        if groups[groupId] == nil { addGroup(groupId) }
        for (partition, offset) in offsets {
            committed[groupId, default: [:]][partition] = CommittedOffset(offset: offset, leaderEpoch: nil, metadata: "")
        }
    }

    func deleteGroups(_ groupIds: [String], deadline: ContinuousClock.Instant?) async throws
        -> [String: KafkaBrokerError]
    {
        var failures: [String: KafkaBrokerError] = [:]
        for id in groupIds {
            guard let group = groups[id] else {
                failures[id] = KafkaBrokerError(.groupIdNotFound)
                continue
            }
            if !group.members.isEmpty {
                failures[id] = KafkaBrokerError(.nonEmptyGroup)
                continue
            }
            groups[id] = nil
            committed[id] = nil
        }
        return failures
    }

    func deleteGroupOffsets(_ groupId: String, partitions: [TopicPartition], deadline: ContinuousClock.Instant?)
        async throws -> [TopicPartition: KafkaBrokerError]
    {
        guard supportsOffsetDelete else { throw KafkaClientError.unsupportedApi(.offsetDelete, address: "localhost:9092") }
        guard let group = groups[groupId] else { throw KafkaClientError.broker(KafkaBrokerError(.groupIdNotFound)) }
        var failures: [TopicPartition: KafkaBrokerError] = [:]
        let subscribed = Set(group.members.flatMap(\.assignment).map(\.topic))
        for partition in partitions {
            if subscribed.contains(partition.topic) {
                failures[partition] = KafkaBrokerError(.groupSubscribedToTopic)
            } else {
                committed[groupId]?[partition] = nil
            }
        }
        return failures
    }

    func listOffsets(
        _ requests: [TopicPartition: OffsetSpec], isolationLevel: IsolationLevel, deadline: ContinuousClock.Instant?
    ) async throws -> [TopicPartition: ListedOffset] {
        var result: [TopicPartition: ListedOffset] = [:]
        for (partition, spec) in requests {
            guard let log = logs[partition] else {
                throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicOrPartition))
            }
            let offset: Int64
            switch spec {
            case .earliest: offset = log.start
            case .latest, .maxTimestamp: offset = log.end
            case .timestamp(let ms):
                let index = max(0, (ms - Self.firstTimestamp + 999) / 1000)
                offset = index < log.end ? max(index, log.start) : -1
            }
            result[partition] = ListedOffset(offset: offset, timestamp: -1, leaderEpoch: nil)
        }
        return result
    }

    // MARK: - AdminOperations, answered by the topic cluster

    func close() async { await topics.close() }
    func describeCluster(deadline: ContinuousClock.Instant?) async throws -> ClusterDescription {
        try await topics.describeCluster(deadline: deadline)
    }
    func listTopics(includeInternal: Bool, deadline: ContinuousClock.Instant?) async throws -> [TopicListing] {
        try await topics.listTopics(includeInternal: includeInternal, deadline: deadline)
    }
    func describeTopics(_ names: [String], partitionLimitPerResponse: Int32, deadline: ContinuousClock.Instant?)
        async throws -> [TopicDescription]
    {
        try await topics.describeTopics(names, partitionLimitPerResponse: partitionLimitPerResponse, deadline: deadline)
    }
    func describeTopics(topicIds: [KafkaUUID], deadline: ContinuousClock.Instant?) async throws -> [TopicDescription] {
        try await topics.describeTopics(topicIds: topicIds, deadline: deadline)
    }
    func createTopics(_ newTopics: [NewTopic], validateOnly: Bool, deadline: ContinuousClock.Instant?) async throws
        -> [String: KafkaBrokerError]
    {
        try await topics.createTopics(newTopics, validateOnly: validateOnly, deadline: deadline)
    }
    func deleteTopics(_ names: [String], deadline: ContinuousClock.Instant?) async throws -> [String: KafkaBrokerError]
    {
        try await topics.deleteTopics(names, deadline: deadline)
    }
    func createPartitions(
        _ newTotals: [String: Int32], assignments: [String: [[Int32]]], validateOnly: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [String: KafkaBrokerError] {
        try await topics.createPartitions(
            newTotals, assignments: assignments, validateOnly: validateOnly, deadline: deadline)
    }
    func describeConfigs(
        _ resources: [ConfigResource], includeSynonyms: Bool, includeDocumentation: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: [ConfigEntry]] {
        try await topics.describeConfigs(
            resources, includeSynonyms: includeSynonyms, includeDocumentation: includeDocumentation, deadline: deadline)
    }
    func incrementalAlterConfigs(
        _ changes: [ConfigResource: [AlterConfigOperation]], validateOnly: Bool, deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: KafkaBrokerError] {
        try await topics.incrementalAlterConfigs(changes, validateOnly: validateOnly, deadline: deadline)
    }
}

func runGroups(_ arguments: [String], on cluster: FakeGroupCluster) async -> ToolRun {
    let streams = CapturedStreams()
    let status = await ConsumerGroupsCommand.execute(
        ["--bootstrap-server", "localhost:9092"] + arguments, output: streams.output()
    ) { _ in cluster }
    return ToolRun(status: status, stdout: streams.out, stderr: streams.err)
}
