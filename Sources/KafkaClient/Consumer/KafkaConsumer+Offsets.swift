/// Java's `beginningOffsets`, `endOffsets` and `offsetsForTimes`: ListOffsets at each partition's leader, within
/// `default.api.timeout.ms`. They neither need nor change the assignment.
extension KafkaConsumer {
    /// The first offset of each partition (the log start).
    public func beginningOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        try await listOffsets(Dictionary(uniqueKeysWithValues: partitions.map { ($0, OffsetSpec.earliest) }))
    }

    /// The offset after the last record of each partition (the log end, or the last stable offset with
    /// `isolation.level=read_committed`).
    public func endOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        try await listOffsets(Dictionary(uniqueKeysWithValues: partitions.map { ($0, OffsetSpec.latest) }))
    }

    /// The first offset whose timestamp is at or after the given time (ms since the epoch) in each partition;
    /// partitions without such a record are left out (Java maps them to null).
    public func offsetsForTimes(_ timestamps: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64] {
        try await listOffsets(timestamps.mapValues { OffsetSpec.timestamp($0) }).filter { $0.value >= 0 }
    }

    private func listOffsets(_ specs: [TopicPartition: OffsetSpec]) async throws -> [TopicPartition: Int64] {
        try await OffsetLookup.listOffsets(
            specs, isolationLevel: config.isolationLevel, cluster: cluster, deadline: cluster.defaultDeadline()
        ).mapValues(\.offset)
    }
}
