import KafkaProtocol
import KafkaStorage
import NIOCore

extension GroupCoordinator {
    /// The group metadata record of `group` as it is now, with `assignment` per member (Kafka's storeGroup).
    /// nil only if encoding fails, which the append then reports.
    func prepareGroupRecord(_ group: ClassicGroup, assignment: [String: ByteBuffer]) -> GroupRecordCodec.Encoded? {
        let protocolName = group.protocolName
        let value = GroupMetadataValue(
            protocolType: group.protocolType ?? "", generation: group.generationId, protocol: protocolName,
            leader: group.leaderId, currentStateTimestamp: group.currentStateTimestamp,
            members: group.allMembers.map { member in
                GroupMetadataValue.MemberMetadata(
                    memberId: member.memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId,
                    clientHost: member.clientHost, rebalanceTimeout: member.rebalanceTimeoutMs,
                    sessionTimeout: member.sessionTimeoutMs,
                    subscription: protocolName.flatMap { member.metadata(for: $0) } ?? ByteBuffer(),
                    assignment: assignment[member.memberId] ?? ByteBuffer())
            })
        return try? GroupRecordCodec.groupMetadata(groupId: group.groupId, value)
    }

    /// Appends one group record to the group's partition; the storage's error code (NONE when written).
    func appendGroupRecord(_ groupId: String, _ record: GroupRecordCodec.Encoded?) async -> ErrorCode {
        guard let record else { return .unknownServerError }
        return await store.append([record], partition: partitionFor(groupId))
    }

    // MARK: Loading at start-up

    /// Replays every partition of `__consumer_offsets`: the last record per key wins, tombstones remove. Groups
    /// with members come back Stable (their members must heartbeat within their session timeout), groups without
    /// members or with offsets only come back Empty.
    func loadGroupsAndOffsets() async {
        guard await store.topicManager.topic(named: InternalTopics.consumerOffsets) != nil else { return }
        for partition in 0..<offsetsPartitionCount {
            let started = ContinuousClock.now
            let records: [GroupRecord]
            do {
                guard let read = try await store.readAll(partition: partition, logger: logger) else { continue }
                records = read
            } catch {
                self.error("Error loading offsets from \(InternalTopics.consumerOffsets)-\(partition): \(error)")
                continue
            }
            guard !records.isEmpty else { continue }
            var metadata: [String: GroupMetadataValue] = [:]
            var offsets: [String: [TopicPartition: CommittedOffset]] = [:]
            for record in records {
                switch record {
                case .offsetCommit(let groupId, let topicPartition, let committed):
                    offsets[groupId, default: [:]][topicPartition] = committed
                case .groupMetadata(let groupId, let value):
                    metadata[groupId] = value  // a tombstone removes the entry
                }
            }
            for groupId in Set(metadata.keys).union(offsets.keys) {
                let groupOffsets = offsets[groupId] ?? [:]
                if let value = metadata[groupId] {
                    loadGroup(groupId, value, offsets: groupOffsets)
                } else if !groupOffsets.isEmpty {
                    let group = ClassicGroup(groupId: groupId, now: now)
                    group.offsets = groupOffsets
                    groups[groupId] = group
                }
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            info(
                "Finished loading offsets and group metadata from \(InternalTopics.consumerOffsets)-\(partition) in \(milliseconds) milliseconds")
        }
    }

    private func loadGroup(_ groupId: String, _ value: GroupMetadataValue, offsets: [TopicPartition: CommittedOffset]) {
        let stateTimestamp = value.currentStateTimestamp >= 0 ? value.currentStateTimestamp : now
        let group = ClassicGroup(groupId: groupId, state: value.members.isEmpty ? .empty : .stable, now: stateTimestamp)
        group.generationId = value.generation
        group.protocolType = value.protocolType.isEmpty ? nil : value.protocolType
        group.protocolName = value.protocol
        for stored in value.members {
            group.add(
                GroupMember(
                    memberId: stored.memberId, groupInstanceId: stored.groupInstanceId, clientId: stored.clientId,
                    clientHost: stored.clientHost,
                    rebalanceTimeoutMs: stored.rebalanceTimeout >= 0 ? stored.rebalanceTimeout : stored.sessionTimeout,
                    sessionTimeoutMs: stored.sessionTimeout, protocolType: value.protocolType,
                    protocols: [MemberProtocol(name: value.protocol ?? "", metadata: stored.subscription)],
                    assignment: stored.assignment, heartbeatDeadline: .now))
        }
        group.leaderId = value.leader.flatMap { group.has($0) ? $0 : nil } ?? group.allMembers.first?.memberId
        group.restoreSubscribedTopics()
        group.offsets = offsets
        groups[groupId] = group
        info("Loading group metadata for \(groupId) with generation \(group.generationId)")
    }

    /// The loaded members' sessions start now (called once the coordinator is active, so the timers run).
    func scheduleLoadedMembers() {
        for group in groups.values {
            for member in group.allMembers { touch(group, member.memberId) }
        }
    }
}
