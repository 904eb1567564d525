import KafkaProtocol

/// Which records ListOffsets and Fetch count: everything, or only committed transactions.
public enum IsolationLevel: Int8, Sendable, Hashable {
    case readUncommitted = 0
    case readCommitted = 1
}

extension KafkaAdminClient {
    /// Looks up offsets at each partition's leader. Leader moves are followed by refreshing metadata and asking
    /// again until the deadline; any other partition error is thrown.
    public func listOffsets(
        _ requests: [TopicPartition: OffsetSpec], isolationLevel: IsolationLevel = .readUncommitted,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [TopicPartition: ListedOffset] {
        try await OffsetLookup.listOffsets(
            requests, isolationLevel: isolationLevel, cluster: cluster, deadline: resolve(deadline))
    }
}

/// ListOffsets at each partition's leader; shared by the admin client and the consumer's offset resets.
enum OffsetLookup {
    static func listOffsets(
        _ requests: [TopicPartition: OffsetSpec], isolationLevel: IsolationLevel, cluster: KafkaCluster,
        deadline: ContinuousClock.Instant
    ) async throws -> [TopicPartition: ListedOffset] {
        var remaining = requests
        var result: [TopicPartition: ListedOffset] = [:]
        let topics = Array(Set(requests.keys.map(\.topic))).sorted()
        var metadata = try await cluster.refreshMetadata(topics: topics, deadline: deadline)
        while !remaining.isEmpty {
            var byLeader: [Int32: [TopicPartition]] = [:]
            var retry = false
            for partition in remaining.keys.sorted() {
                guard let topic = metadata.topics[partition.topic] else {
                    throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicOrPartition))
                }
                if let error = KafkaBrokerError.check(topic.errorCode), !error.isRetriable {
                    throw KafkaClientError.broker(error)
                }
                guard let info = topic.partitions[partition.partition] else {
                    throw KafkaClientError.broker(KafkaBrokerError(.unknownTopicOrPartition))
                }
                if info.leader < 0 { retry = true } else { byLeader[info.leader, default: []].append(partition) }
            }
            for (leader, partitions) in byLeader.sorted(by: { $0.key < $1.key }) {
                let response = try await cluster.send(
                    Self.listOffsetsRequest(partitions, specs: remaining, isolation: isolationLevel),
                    to: .node(leader), deadline: deadline)
                for topic in response.topics {
                    for answer in topic.partitions {
                        let key = TopicPartition(topic: topic.name, partition: answer.partitionIndex)
                        if let error = KafkaBrokerError.check(answer.errorCode) {
                            guard error.isRetriable else { throw KafkaClientError.broker(error) }
                            retry = true
                            continue
                        }
                        result[key] = ListedOffset(
                            offset: answer.offset, timestamp: answer.timestamp,
                            leaderEpoch: answer.leaderEpoch >= 0 ? answer.leaderEpoch : nil)
                        remaining[key] = nil
                    }
                }
            }
            if !remaining.isEmpty {
                guard retry, ContinuousClock.now < deadline else {
                    throw KafkaClientError.timeout("Timed out listing offsets of \(remaining.keys.sorted())")
                }
                try await Task.sleep(for: .milliseconds(cluster.config.retryBackoffMs))
                metadata = try await cluster.refreshMetadata(topics: topics, deadline: deadline)
            }
        }
        return result
    }

    private static func listOffsetsRequest(
        _ partitions: [TopicPartition], specs: [TopicPartition: OffsetSpec], isolation: IsolationLevel
    ) -> ListOffsetsRequest {
        var request = ListOffsetsRequest()
        request.replicaId = -1
        request.isolationLevel = isolation.rawValue
        var topics: [String: [ListOffsetsRequest.ListOffsetsPartition]] = [:]
        for partition in partitions {
            var entry = ListOffsetsRequest.ListOffsetsPartition()
            entry.partitionIndex = partition.partition
            entry.timestamp = specs[partition]?.wireTimestamp ?? -1
            topics[partition.topic, default: []].append(entry)
        }
        request.topics = topics.sorted { $0.key < $1.key }.map {
            ListOffsetsRequest.ListOffsetsTopic(name: $0.key, partitions: $0.value)
        }
        return request
    }
}
