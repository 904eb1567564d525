import KafkaProtocol
import KafkaStorage

/// A partition a data-path request names, resolved to its log and leader epoch.
struct ResolvedPartition: Sendable {
    var log: PartitionLog
    var leaderEpoch: Int32
}

extension TopicManager {
    /// The log of `partition` of `topic`, or the code the request gets instead. With `autoCreate` an unknown topic
    /// is created first when `auto.create.topics.enable` allows it.
    func resolve(topic: String, partition: Int32, autoCreate: Bool = false) async -> Result<ResolvedPartition, ErrorCode> {
        var metadata = self.topic(named: topic)
        if metadata == nil, autoCreate {
            metadata = await self.autoCreate(topic: topic)
        }
        guard let metadata, let entry = metadata.partitions.first(where: { $0.index == partition }),
            let log = await partitionLog(TopicPartition(topic: topic, partition: partition))
        else { return .failure(.unknownTopicOrPartition) }
        return .success(ResolvedPartition(log: log, leaderEpoch: entry.leaderEpoch))
    }

    /// The same by topic id (Fetch v13+); an unknown id is UNKNOWN_TOPIC_ID.
    func resolve(topicId: KafkaUUID, partition: Int32) async -> (name: String, Result<ResolvedPartition, ErrorCode>) {
        guard let metadata = self.topic(id: topicId) else { return ("", .failure(.unknownTopicId)) }
        return (metadata.name, await resolve(topic: metadata.name, partition: partition))
    }

    /// Kafka's fencing of a client's `current_leader_epoch`: -1 skips the check.
    static func checkLeaderEpoch(requested: Int32, current: Int32) -> ErrorCode {
        if requested < 0 || requested == current { return .noError }
        return requested < current ? .fencedLeaderEpoch : .unknownLeaderEpoch
    }
}
