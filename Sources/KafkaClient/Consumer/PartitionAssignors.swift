/// A member's subscription as the group leader sees it.
struct MemberSubscription: Sendable, Hashable {
    var memberId: String
    var groupInstanceId: String?
    var topics: [String]
    var ownedPartitions: [TopicPartition]
}

/// The built-in assignors of the Java client, computed by the group leader.
enum PartitionAssignors {
    /// The names this client can serve as leader, in Kafka's protocol spelling.
    static let supported: Set<String> = ["range", "roundrobin", "cooperative-sticky"]

    /// Whether a rebalance with these configured assignors is cooperative: only when every one of them supports
    /// it, as the Java client decides.
    static func isCooperative(_ strategies: [String]) -> Bool {
        !strategies.isEmpty && strategies.allSatisfy { $0 == "cooperative-sticky" }
    }

    static func assign(
        strategy: String, members: [MemberSubscription], generations: [String: Int32] = [:],
        partitionCounts: [String: Int32]
    ) -> [String: [TopicPartition]] {
        switch strategy {
        case "roundrobin":
            return roundRobin(members: members, partitionCounts: partitionCounts)
        case "cooperative-sticky":
            let plan = StickyAssignor.assign(
                members: members, generations: generations, partitionCounts: partitionCounts)
            return StickyAssignor.cooperativeAdjustment(plan, members: members)
        default:
            return range(members: members, partitionCounts: partitionCounts)
        }
    }

    /// Java's RangeAssignor: per topic, the members subscribed to it (sorted by member id) get consecutive
    /// ranges, the first `partitions % members` one partition more.
    static func range(members: [MemberSubscription], partitionCounts: [String: Int32]) -> [String: [TopicPartition]] {
        var result = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, [TopicPartition]()) })
        let topics = Set(members.flatMap(\.topics)).sorted()
        for topic in topics {
            guard let count = partitionCounts[topic], count > 0 else { continue }
            let consumers = members.filter { $0.topics.contains(topic) }.map(\.memberId).sorted()
            let perConsumer = Int(count) / consumers.count
            let extra = Int(count) % consumers.count
            for (index, consumer) in consumers.enumerated() {
                let start = index * perConsumer + min(index, extra)
                let length = perConsumer + (index < extra ? 1 : 0)
                for partition in start..<(start + length) {
                    result[consumer, default: []].append(TopicPartition(topic: topic, partition: Int32(partition)))
                }
            }
        }
        return result
    }

    /// Java's RoundRobinAssignor: all partitions in topic-partition order dealt to members in member-id order,
    /// skipping members not subscribed to the partition's topic.
    static func roundRobin(members: [MemberSubscription], partitionCounts: [String: Int32])
        -> [String: [TopicPartition]]
    {
        var result = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, [TopicPartition]()) })
        let sorted = members.sorted { $0.memberId < $1.memberId }
        guard !sorted.isEmpty else { return result }
        var next = 0
        for topic in Set(members.flatMap(\.topics)).sorted() {
            guard let count = partitionCounts[topic] else { continue }
            for partition in 0..<count {
                for _ in 0..<sorted.count {
                    let member = sorted[next % sorted.count]
                    next += 1
                    if member.topics.contains(topic) {
                        result[member.memberId, default: []].append(TopicPartition(topic: topic, partition: partition))
                        break
                    }
                }
            }
        }
        return result
    }
}
