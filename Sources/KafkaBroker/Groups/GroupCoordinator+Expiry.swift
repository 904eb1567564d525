import KafkaProtocol
import KafkaStorage

extension ClassicGroup {
    /// Kafka's removeExpiredOffsets rules (KIP-211): an Empty group's offsets expire `retentionMs` after it became
    /// Empty; a Stable consumer group's offsets of topics it no longer subscribes to expire after their commit;
    /// a standalone (simple) group's offsets expire after their commit. Old per-offset expiry times win.
    func expiredOffsets(now: Int64, retentionMs: Int64) -> [TopicPartition] {
        func expired(base: (CommittedOffset) -> Int64, keeping subscribed: Set<String> = []) -> [TopicPartition] {
            offsets.filter { partition, committed in
                guard !subscribed.contains(partition.topic), pendingOffsetCommits[partition] == nil else { return false }
                if let expireTimestamp = committed.expireTimestamp { return now >= expireTimestamp }
                return now - base(committed) >= retentionMs
            }.map(\.key)
        }
        if protocolType != nil, isIn(.empty) {
            return expired { _ in currentStateTimestamp }
        }
        if isConsumerGroup, isIn(.stable), let subscribedTopics {
            return expired(base: \.commitTimestamp, keeping: subscribedTopics)
        }
        if protocolType == nil {
            return expired(base: \.commitTimestamp)
        }
        return []
    }
}

extension GroupCoordinator {
    /// Runs the offset expiry every `offsets.retention.check.interval.ms`.
    func startCleanupTask() {
        let interval = max(config.offsetsRetentionCheckIntervalMs, 1)
        cleanupTask = Task { [weak self] in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .milliseconds(interval))
                } catch {
                    return
                }
                await self?.cleanupGroupMetadata()
            }
        }
    }

    /// Removes expired offsets (with tombstones); an Empty group left without offsets becomes Dead and its
    /// metadata gets a tombstone too.
    /// `at` replaces the wall clock (tests).
    func cleanupGroupMetadata(at instant: Int64? = nil) async {
        guard active else { return }
        let started = ContinuousClock.now
        let current = instant ?? now
        let retentionMs = Int64(config.offsetsRetentionMinutes) * 60_000
        var removed = 0
        for group in Array(groups.values) where !group.isIn(.dead) {
            let expired = group.expiredOffsets(now: current, retentionMs: retentionMs)
            for partition in expired { group.offsets[partition] = nil }
            removed += expired.count
            var groupIsDead = false
            if group.isIn(.empty), group.offsets.isEmpty, group.pendingOffsetCommits.isEmpty {
                info("Group \(group.groupId) transitioned to Dead in generation \(group.generationId)")
                group.transition(to: .dead, now: current)
                removeDeadGroup(group)
                groupIsDead = true
            }
            if !expired.isEmpty || groupIsDead {
                await writeTombstones(for: group, offsets: expired, groupRecord: groupIsDead)
            }
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        info("Removed \(removed) expired offsets in \(milliseconds) milliseconds.")
    }
}
