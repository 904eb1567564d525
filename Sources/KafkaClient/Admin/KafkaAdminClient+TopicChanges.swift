import KafkaProtocol

extension KafkaAdminClient {
    /// Creates topics through the controller (which, in KRaft, any broker forwards to). Returns the failures by
    /// topic name; an empty result means every topic was created.
    public func createTopics(
        _ topics: [NewTopic], validateOnly: Bool = false, deadline: ContinuousClock.Instant? = nil
    ) async throws -> [String: KafkaBrokerError] {
        var request = CreateTopicsRequest()
        request.validateOnly = validateOnly
        request.timeoutMs = brokerTimeout(resolve(deadline))
        request.topics = topics.map { topic in
            var creatable = CreateTopicsRequest.CreatableTopic()
            creatable.name = topic.name
            creatable.numPartitions = topic.numPartitions
            creatable.replicationFactor = topic.replicationFactor
            creatable.assignments = topic.replicaAssignment.sorted { $0.key < $1.key }.map {
                CreateTopicsRequest.CreatableReplicaAssignment(partitionIndex: $0.key, brokerIds: $0.value)
            }
            creatable.configs = topic.configs.sorted { $0.key < $1.key }.map {
                CreateTopicsRequest.CreatableTopicConfig(name: $0.key, value: $0.value)
            }
            return creatable
        }
        let response = try await sendToController(request, deadline: resolve(deadline)) { response in
            response.topics.contains { $0.errorCode == ErrorCode.notController.rawValue }
        }
        return Dictionary(
            response.topics.compactMap { result in
                KafkaBrokerError.check(result.errorCode, message: result.errorMessage).map { (result.name, $0) }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Deletes topics by name. Returns the failures by topic name.
    public func deleteTopics(_ names: [String], deadline: ContinuousClock.Instant? = nil) async throws
        -> [String: KafkaBrokerError]
    {
        var request = DeleteTopicsRequest()
        request.timeoutMs = brokerTimeout(resolve(deadline))
        request.topicNames = names
        request.topics = names.map { DeleteTopicsRequest.DeleteTopicState(name: $0, topicId: .zero) }
        let response = try await sendToController(request, deadline: resolve(deadline)) { response in
            response.responses.contains { $0.errorCode == ErrorCode.notController.rawValue }
        }
        return Dictionary(
            response.responses.compactMap { result in
                KafkaBrokerError.check(result.errorCode, message: result.errorMessage).map { (result.name ?? "", $0) }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Raises topics' partition counts to `newTotals`, optionally placing the new partitions' replicas.
    public func createPartitions(
        _ newTotals: [String: Int32], assignments: [String: [[Int32]]] = [:], validateOnly: Bool = false,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [String: KafkaBrokerError] {
        var request = CreatePartitionsRequest()
        request.validateOnly = validateOnly
        request.timeoutMs = brokerTimeout(resolve(deadline))
        request.topics = newTotals.sorted { $0.key < $1.key }.map { name, count in
            var topic = CreatePartitionsRequest.CreatePartitionsTopic()
            topic.name = name
            topic.count = count
            topic.assignments = assignments[name].map { lists in
                lists.map { CreatePartitionsRequest.CreatePartitionsAssignment(brokerIds: $0) }
            }
            return topic
        }
        let response = try await sendToController(request, deadline: resolve(deadline)) { response in
            response.results.contains { $0.errorCode == ErrorCode.notController.rawValue }
        }
        return Dictionary(
            response.results.compactMap { result in
                KafkaBrokerError.check(result.errorCode, message: result.errorMessage).map { (result.name, $0) }
            }, uniquingKeysWith: { first, _ in first })
    }

    /// Sends to the controller; when the answer says NOT_CONTROLLER, refreshes metadata and tries again.
    func sendToController<Request: KafkaRequest>(
        _ request: Request, deadline: ContinuousClock.Instant,
        misdirected: (Request.Response) -> Bool
    ) async throws -> Request.Response {
        while true {
            let response = try await cluster.send(request, to: .controller, deadline: deadline)
            guard misdirected(response), ContinuousClock.now < deadline else { return response }
            try await cluster.refreshMetadata(topics: [], deadline: deadline)
            try await Task.sleep(for: .milliseconds(cluster.config.retryBackoffMs))
        }
    }

    /// The time a broker may take on our behalf, in the Int32 milliseconds the protocol carries.
    func brokerTimeout(_ deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = deadline - ContinuousClock.now
        let ms = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, min(ms, cluster.config.requestTimeoutMs)))
    }
}
