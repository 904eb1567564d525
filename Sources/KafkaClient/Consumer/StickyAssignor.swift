/// The assignment `cooperative-sticky` computes (Java's `AbstractStickyAssignor`, simplified for groups whose
/// members may subscribe to different topics): members keep what they own as long as the result stays balanced,
/// and only the surplus and the unowned partitions move, each to the least-loaded member subscribed to it.
enum StickyAssignor {
    /// The sticky assignment, before the cooperative adjustment.
    static func assign(members: [MemberSubscription], generations: [String: Int32], partitionCounts: [String: Int32])
        -> [String: [TopicPartition]]
    {
        let sortedMembers = members.sorted { $0.memberId < $1.memberId }
        var result = Dictionary(uniqueKeysWithValues: sortedMembers.map { ($0.memberId, [TopicPartition]()) })
        let subscribed = Dictionary(uniqueKeysWithValues: sortedMembers.map { ($0.memberId, Set($0.topics)) })
        let all = Set(members.flatMap(\.topics)).sorted().flatMap { topic in
            (0..<(partitionCounts[topic] ?? 0)).map { TopicPartition(topic: topic, partition: $0) }
        }
        guard !sortedMembers.isEmpty else { return result }
        let existing = Set(all)

        // Claims of owned partitions: on a conflict the member from the newest generation keeps it.
        var owner: [TopicPartition: String] = [:]
        for member in sortedMembers {
            for partition in member.ownedPartitions
            where existing.contains(partition) && subscribed[member.memberId]?.contains(partition.topic) == true {
                if let current = owner[partition],
                    generations[current, default: -1] >= generations[member.memberId, default: -1]
                {
                    continue
                }
                owner[partition] = member.memberId
            }
        }

        // Quotas: everyone gets at least floor(P/C); P % C members may hold one more.
        let minQuota = all.count / sortedMembers.count
        var extraSlots = all.count % sortedMembers.count
        for member in sortedMembers {
            let kept = owner.filter { $0.value == member.memberId }.map(\.key).sorted()
            var quota = minQuota
            if kept.count > minQuota && extraSlots > 0 {
                quota += 1
                extraSlots -= 1
            }
            result[member.memberId] = Array(kept.prefix(quota))
        }

        let assigned = Set(result.values.flatMap { $0 })
        for partition in all where !assigned.contains(partition) {
            let candidates = sortedMembers.filter { subscribed[$0.memberId]?.contains(partition.topic) == true }
            guard
                let target = candidates.min(by: {
                    (result[$0.memberId]?.count ?? 0, $0.memberId) < (result[$1.memberId]?.count ?? 0, $1.memberId)
                })
            else { continue }
            result[target.memberId, default: []].append(partition)
        }
        return result.mapValues { $0.sorted() }
    }

    /// The cooperative step: a partition that moves to a new member is left out for now, so that its current
    /// owner revokes it first; the next rebalance hands it over.
    static func cooperativeAdjustment(_ plan: [String: [TopicPartition]], members: [MemberSubscription])
        -> [String: [TopicPartition]]
    {
        var owner: [TopicPartition: String] = [:]
        for member in members {
            for partition in member.ownedPartitions { owner[partition] = member.memberId }
        }
        var adjusted: [String: [TopicPartition]] = [:]
        for (member, partitions) in plan {
            adjusted[member] = partitions.filter { owner[$0] == nil || owner[$0] == member }
        }
        return adjusted
    }
}
