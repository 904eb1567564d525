import KafkaProtocol

/// A CreateTopics entry checked against Apache's rules: what would be created, or why not.
struct TopicPlan: Sendable {
    var partitions: Int32
    var configs: [String: String]

    static func make(_ topic: CreateTopicsRequest.CreatableTopic, manager: TopicManager, nodeId: Int32) async
        -> Result<TopicPlan, AdminError>
    {
        if let problem = TopicNameValidator.validate(topic.name) {
            return .failure(AdminError(.invalidTopicException, problem))
        }
        if await manager.topic(named: topic.name) != nil {
            return .failure(AdminError(.topicAlreadyExists, "Topic '\(topic.name)' already exists."))
        }
        if let collision = TopicNameValidator.collision(of: topic.name, with: await manager.allTopics().map(\.name)) {
            return .failure(AdminError(.invalidTopicException, collision))
        }
        let partitions: Int32
        if topic.assignments.isEmpty {
            let factor = topic.replicationFactor == -1 ? manager.config.defaultReplicationFactor : topic.replicationFactor
            if factor == 0 || factor < -1 {
                return .failure(
                    AdminError(.invalidReplicationFactor, "Replication factor must be larger than 0, or -1 to use the default value."))
            }
            if factor > 1 { return .failure(.replicationFactor(Int(factor))) }
            partitions = topic.numPartitions == -1 ? manager.config.numPartitions : topic.numPartitions
            if partitions <= 0 {
                return .failure(AdminError(.invalidPartitions, "Number of partitions was set to an invalid non-positive value."))
            }
        } else {
            switch checkAssignments(topic, nodeId: nodeId) {
            case .failure(let error): return .failure(error)
            case .success(let count): partitions = count
            }
        }
        var configs: [String: String] = [:]
        for entry in topic.configs {
            guard let value = entry.value else {
                return .failure(AdminError(.invalidConfig, "Null value not supported for topic configs: \(entry.name)"))
            }
            configs[entry.name] = value
        }
        if let problem = TopicConfigs.validate(configs) { return .failure(AdminError(.invalidConfig, problem)) }
        return .success(TopicPlan(partitions: partitions, configs: configs))
    }

    /// Apache's manual-assignment checks; the partition count on success.
    static func checkAssignments(_ topic: CreateTopicsRequest.CreatableTopic, nodeId: Int32) -> Result<Int32, AdminError> {
        if topic.numPartitions != -1 {
            return .failure(
                AdminError(.invalidRequest, "A manual partition assignment was specified, but numPartitions was not set to -1."))
        }
        if topic.replicationFactor != -1 {
            return .failure(
                AdminError(.invalidRequest, "A manual partition assignment was specified, but replicationFactor was not set to -1."))
        }
        let indexes = topic.assignments.map(\.partitionIndex).sorted()
        if indexes != Array(0..<Int32(indexes.count)) {
            return .failure(
                AdminError(.invalidReplicaAssignment, "partitions should be a consecutive 0-based integer sequence"))
        }
        for assignment in topic.assignments {
            if let problem = ReplicaCheck.problem(assignment.brokerIds, nodeId: nodeId) { return .failure(problem) }
        }
        return .success(Int32(indexes.count))
    }
}

/// One partition's replica list in a manual assignment, as Apache checks it.
enum ReplicaCheck {
    static func problem(_ brokerIds: [Int32], nodeId: Int32) -> AdminError? {
        if brokerIds.isEmpty {
            return AdminError(.invalidReplicaAssignment, "The manual partition assignment includes an empty replica list.")
        }
        var seen: Set<Int32> = []
        for broker in brokerIds {
            if broker != nodeId {
                return AdminError(
                    .invalidReplicaAssignment,
                    "The manual partition assignment includes broker \(broker), but no such broker is registered.")
            }
            if !seen.insert(broker).inserted {
                return AdminError(
                    .invalidReplicaAssignment,
                    "The manual partition assignment includes the broker \(broker) more than once.")
            }
        }
        return nil
    }
}
