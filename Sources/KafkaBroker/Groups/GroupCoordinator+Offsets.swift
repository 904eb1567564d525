import KafkaProtocol
import KafkaStorage

/// An OffsetCommit request as the coordinator needs it (topics already checked to exist).
struct OffsetCommitParameters: Sendable {
    var groupId: String
    var memberId: String
    var groupInstanceId: String?
    /// -1 for commits from outside group management (standalone consumers, admin tools).
    var generationId: Int32
    var apiVersion: Int16
    var offsets: [(TopicPartition, CommittedOffset)]
}

/// One partition's committed offset in an OffsetFetch answer.
struct FetchedOffset: Sendable {
    var partition: TopicPartition
    var offset: CommittedOffset?
    var error: ErrorCode
}

extension GroupCoordinator {
    /// Validates the commit against the group (Kafka 4's rules for classic groups), appends the records, and
    /// applies them once they are in the log. One error per partition, in request order.
    func commitOffsets(_ request: OffsetCommitParameters) async -> [ErrorCode] {
        let all = { (code: ErrorCode) in request.offsets.map { _ in code } }
        if let error = validateGroupStatus(request.groupId, membership: false) { return all(error) }
        let group: ClassicGroup
        if let existing = groups[request.groupId] {
            group = existing
        } else if request.generationId < 0 {
            // A standalone consumer or an admin tool: a "simple" group that only stores offsets.
            group = ClassicGroup(groupId: request.groupId, now: now)
            groups[request.groupId] = group
        } else {
            // v9+ says so plainly; older clients expect ILLEGAL_GENERATION.
            return all(request.apiVersion >= 9 ? .groupIdNotFound : .illegalGeneration)
        }
        if let error = validateCommit(group, request) { return all(error) }
        if group.isIn(.stable) || group.isIn(.preparingRebalance), group.has(request.memberId) {
            touch(group, request.memberId)
        }

        var results = [ErrorCode](repeating: .noError, count: request.offsets.count)
        var accepted: [(index: Int, partition: TopicPartition, offset: CommittedOffset)] = []
        for (index, (partition, offset)) in request.offsets.enumerated() {
            if offset.metadata.utf8.count > Int(config.offsetMetadataMaxBytes) {
                results[index] = .offsetMetadataTooLarge
            } else {
                accepted.append((index, partition, offset))
            }
        }
        guard !accepted.isEmpty else { return results }
        var records: [GroupRecordCodec.Encoded] = []
        do {
            for entry in accepted {
                records.append(try GroupRecordCodec.offsetCommit(groupId: group.groupId, entry.partition, entry.offset))
            }
        } catch {
            for entry in accepted { results[entry.index] = .unknownServerError }
            return results
        }
        for entry in accepted { group.pendingOffsetCommits[entry.partition, default: 0] += 1 }
        let code = await store.append(records, partition: partitionFor(group.groupId))
        for entry in accepted {
            group.pendingOffsetCommits[entry.partition, default: 1] -= 1
            if group.pendingOffsetCommits[entry.partition] == 0 { group.pendingOffsetCommits[entry.partition] = nil }
        }
        let error = Self.coordinatorError(fromAppend: code, commit: true)
        if error == .noError, groups[group.groupId] === group {
            for entry in accepted { group.offsets[entry.partition] = entry.offset }
        } else if error != .noError, group.isIn(.empty), group.generationId == 0, group.offsets.isEmpty,
            group.pendingOffsetCommits.isEmpty
        {
            // The simple group this commit created holds nothing.
            removeDeadGroup(group)
        }
        for entry in accepted { results[entry.index] = error }
        return results
    }

    /// Kafka 4's ClassicGroup.validateOffsetCommit.
    private func validateCommit(_ group: ClassicGroup, _ request: OffsetCommitParameters) -> ErrorCode? {
        if group.isIn(.dead) { return .coordinatorNotAvailable }
        // Generation -1 on an empty group: a commit from outside group management.
        if request.generationId < 0 && group.isIn(.empty) { return nil }
        if request.generationId >= 0 || !request.memberId.isEmpty || request.groupInstanceId != nil {
            if let instanceId = request.groupInstanceId {
                guard let current = group.staticMemberId(instanceId) else { return .unknownMemberId }
                if current != request.memberId { return .fencedInstanceId }
            } else if !group.has(request.memberId) {
                return .unknownMemberId
            }
            if request.generationId != group.generationId { return .illegalGeneration }
        } else if !group.isIn(.empty) {
            // No member id and no generation: only accepted while nobody is in the group.
            return .unknownMemberId
        }
        // The member has its generation from JoinGroup but no assignment yet.
        if group.isIn(.completingRebalance) { return .rebalanceInProgress }
        return nil
    }

    /// The committed offsets of `partitions` (nil: every partition the group has), -1 where none is committed.
    /// Answered whatever the group's state, since standalone consumers store offsets without membership.
    func fetchOffsets(groupId: String, partitions: [TopicPartition]?, requireStable: Bool) -> (
        error: ErrorCode, offsets: [FetchedOffset]
    ) {
        if let error = validateGroupStatus(groupId, membership: false) { return (error, []) }
        guard let group = groups[groupId], !group.isIn(.dead) else {
            return (.noError, (partitions ?? []).map { FetchedOffset(partition: $0, offset: nil, error: .noError) })
        }
        let wanted = partitions ?? group.offsets.keys.sorted()
        return (
            .noError,
            wanted.map { partition in
                if requireStable && group.pendingOffsetCommits[partition] != nil {
                    return FetchedOffset(partition: partition, offset: nil, error: .unstableOffsetCommit)
                }
                return FetchedOffset(partition: partition, offset: group.offsets[partition], error: .noError)
            }
        )
    }

    /// OffsetDelete: a group-level error, or one error per partition in request order.
    func deleteOffsets(groupId: String, partitions: [TopicPartition]) async -> (error: ErrorCode, results: [ErrorCode]) {
        if let error = validateGroupStatus(groupId, membership: false) { return (error, []) }
        guard let group = groups[groupId], !group.isIn(.dead) else { return (.groupIdNotFound, []) }
        var results = [ErrorCode](repeating: .noError, count: partitions.count)
        var eligible: [TopicPartition] = []
        switch group.state {
        case .empty:
            eligible = partitions
        case .preparingRebalance, .completingRebalance, .stable:
            guard group.isConsumerGroup else { return (.nonEmptyGroup, []) }
            for (index, partition) in partitions.enumerated() {
                if group.isSubscribed(to: partition.topic) {
                    results[index] = .groupSubscribedToTopic
                } else {
                    eligible.append(partition)
                }
            }
        case .dead:
            return (.groupIdNotFound, [])
        }
        let removed = eligible.filter { group.offsets.removeValue(forKey: $0) != nil }
        if !eligible.isEmpty {
            info("The following partitions \(eligible.map(\.description).joined(separator: ",")) have been deleted from the group \(groupId)")
        }
        let tombstones = removed.compactMap { try? GroupRecordCodec.offsetCommit(groupId: groupId, $0, nil) }
        let code = await store.append(tombstones, partition: partitionFor(groupId))
        if code != .noError { warn("Failed to write tombstones for deleted offsets of group \(groupId): \(code.name)") }
        return (.noError, results)
    }
}
