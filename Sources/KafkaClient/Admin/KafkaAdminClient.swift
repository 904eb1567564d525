import KafkaProtocol

/// Kafka's Admin API over one `KafkaCluster`: topics, partitions, configs, cluster description and offsets.
/// Every call finishes by its deadline (default: now + `default.api.timeout.ms`).
public final class KafkaAdminClient: Sendable {
    public let cluster: KafkaCluster

    public init(config: ClientConfig) {
        cluster = KafkaCluster(config: config)
    }

    public convenience init(properties: [String: String]) throws {
        self.init(config: try ClientConfig(properties: properties))
    }

    public func close() async {
        await cluster.close()
    }

    func resolve(_ deadline: ContinuousClock.Instant?) -> ContinuousClock.Instant {
        deadline ?? cluster.defaultDeadline()
    }

    /// Whether the broker we talk to advertises `api`.
    public func supports(_ api: ApiKey, deadline: ContinuousClock.Instant? = nil) async throws -> Bool {
        try await cluster.anyConnection(deadline: resolve(deadline)).apiVersions.supports(api)
    }

    // MARK: - Cluster

    /// DescribeCluster where the broker has it (Kafka 2.8+), Metadata otherwise.
    public func describeCluster(deadline: ContinuousClock.Instant? = nil) async throws -> ClusterDescription {
        let deadline = resolve(deadline)
        if try await supports(.describeCluster, deadline: deadline) {
            let response = try await cluster.send(DescribeClusterRequest(), deadline: deadline)
            if let error = KafkaBrokerError.check(response.errorCode, message: response.errorMessage) {
                throw KafkaClientError.broker(error)
            }
            return ClusterDescription(
                clusterId: response.clusterId, controllerId: response.controllerId >= 0 ? response.controllerId : nil,
                nodes: response.brokers.map {
                    BrokerNode(id: $0.brokerId, host: $0.host, port: $0.port, rack: $0.rack)
                })
        }
        let metadata = try await cluster.refreshMetadata(topics: [], deadline: deadline)
        return ClusterDescription(
            clusterId: metadata.clusterId, controllerId: metadata.controllerId >= 0 ? metadata.controllerId : nil,
            nodes: metadata.brokers.values.sorted { $0.id < $1.id })
    }

    // MARK: - Topics

    /// Every topic (internal ones too unless told otherwise), sorted by name.
    public func listTopics(includeInternal: Bool = true, deadline: ContinuousClock.Instant? = nil) async throws
        -> [TopicListing]
    {
        let metadata = try await cluster.refreshMetadata(topics: nil, deadline: resolve(deadline))
        return metadata.topics.values
            .filter { includeInternal || !$0.isInternal }
            .map { TopicListing(name: $0.name, topicId: $0.topicId, isInternal: $0.isInternal) }
            .sorted { $0.name < $1.name }
    }

    /// Describes topics by name, in the order asked: DescribeTopicPartitions (paged by `partitionLimitPerResponse`)
    /// where the broker has it, Metadata otherwise. Throws the first topic's error.
    public func describeTopics(
        _ names: [String], partitionLimitPerResponse: Int32 = 2000, deadline: ContinuousClock.Instant? = nil
    ) async throws -> [TopicDescription] {
        let deadline = resolve(deadline)
        guard !names.isEmpty else { return [] }
        let byName: [String: TopicDescription]
        if try await supports(.describeTopicPartitions, deadline: deadline) {
            byName = try await describeTopicPartitions(names, limit: partitionLimitPerResponse, deadline: deadline)
        } else {
            let metadata = try await cluster.refreshMetadata(topics: names, deadline: deadline)
            byName = try Self.descriptions(of: names.compactMap { metadata.topics[$0] }, orMissing: names)
        }
        return try names.map { name in
            guard let description = byName[name] else { throw Self.unknownTopic(name) }
            return description
        }
    }

    private func describeTopicPartitions(_ names: [String], limit: Int32, deadline: ContinuousClock.Instant)
        async throws -> [String: TopicDescription]
    {
        var result: [String: TopicDescription] = [:]
        var request = DescribeTopicPartitionsRequest()
        request.topics = names.map { DescribeTopicPartitionsRequest.TopicRequest(name: $0) }
        request.responsePartitionLimit = limit
        while true {
            let response = try await cluster.send(request, deadline: deadline)
            for topic in response.topics {
                guard let name = topic.name else { continue }
                if let error = KafkaBrokerError.check(topic.errorCode) { throw KafkaClientError.broker(error) }
                let partitions = topic.partitions.map {
                    TopicPartitionDescription(
                        partition: $0.partitionIndex, leader: $0.leaderId >= 0 ? $0.leaderId : nil,
                        replicas: $0.replicaNodes, isr: $0.isrNodes, eligibleLeaderReplicas: $0.eligibleLeaderReplicas ?? [],
                        lastKnownEligibleLeaderReplicas: $0.lastKnownElr ?? [], offlineReplicas: $0.offlineReplicas)
                }
                var description =
                    result[name]
                    ?? TopicDescription(name: name, topicId: topic.topicId, isInternal: topic.isInternal, partitions: [])
                description.partitions.append(contentsOf: partitions)
                description.partitions.sort { $0.partition < $1.partition }
                result[name] = description
            }
            guard let cursor = response.nextCursor else { return result }
            request.cursor = DescribeTopicPartitionsRequest.Cursor(
                topicName: cursor.topicName, partitionIndex: cursor.partitionIndex)
        }
    }

    /// Describes topics by id through Metadata (as Apache's admin client does).
    public func describeTopics(topicIds: [KafkaUUID], deadline: ContinuousClock.Instant? = nil) async throws
        -> [TopicDescription]
    {
        var request = MetadataRequest()
        request.allowAutoTopicCreation = false
        request.topics = topicIds.map { MetadataRequest.MetadataRequestTopic(topicId: $0, name: nil) }
        let response = try await cluster.send(request, deadline: resolve(deadline))
        var result: [TopicDescription] = []
        for id in topicIds {
            guard let topic = response.topics.first(where: { $0.topicId == id }) else {
                throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicId))
            }
            if let error = KafkaBrokerError.check(topic.errorCode) { throw KafkaClientError.broker(error) }
            result.append(
                TopicDescription(
                    name: topic.name ?? "", topicId: topic.topicId, isInternal: topic.isInternal,
                    partitions: topic.partitions.map(Self.partitionDescription).sorted { $0.partition < $1.partition }))
        }
        return result
    }

    private static func descriptions(of topics: [ClusterMetadata.Topic], orMissing names: [String]) throws
        -> [String: TopicDescription]
    {
        var result: [String: TopicDescription] = [:]
        for topic in topics {
            if let error = KafkaBrokerError.check(topic.errorCode, message: topic.errorMessage) {
                throw KafkaClientError.broker(error)
            }
            let partitions = topic.partitions.values.map {
                TopicPartitionDescription(
                    partition: $0.id, leader: $0.leader >= 0 ? $0.leader : nil, replicas: $0.replicas, isr: $0.isr,
                    offlineReplicas: $0.offlineReplicas)
            }
            result[topic.name] = TopicDescription(
                name: topic.name, topicId: topic.topicId, isInternal: topic.isInternal,
                partitions: partitions.sorted { $0.partition < $1.partition })
        }
        return result
    }

    private static func partitionDescription(_ partition: MetadataResponse.MetadataResponsePartition)
        -> TopicPartitionDescription
    {
        TopicPartitionDescription(
            partition: partition.partitionIndex, leader: partition.leaderId >= 0 ? partition.leaderId : nil,
            replicas: partition.replicaNodes, isr: partition.isrNodes, offlineReplicas: partition.offlineReplicas)
    }

    static func unknownTopic(_ name: String) -> KafkaClientError {
        .broker(KafkaBrokerError(.unknownTopicOrPartition))
    }
}
