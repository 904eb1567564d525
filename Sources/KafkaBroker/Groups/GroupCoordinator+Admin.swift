import KafkaProtocol
import KafkaStorage
import NIOCore

/// A group as DescribeGroups reports it.
struct GroupSummary: Sendable {
    struct Member: Sendable {
        var memberId: String
        var groupInstanceId: String?
        var clientId: String
        var clientHost: String
        var metadata: ByteBuffer
        var assignment: ByteBuffer
    }

    var groupId: String
    /// nil: the group does not exist (Kafka describes it as Dead).
    var state: GroupState?
    var protocolType: String
    var protocolName: String
    var members: [Member]
}

/// A group as ListGroups reports it.
struct GroupListing: Sendable {
    var groupId: String
    var protocolType: String
    var state: GroupState
}

extension GroupCoordinator {
    /// nil error: described (an unknown group as Dead with no members).
    func describeGroup(_ groupId: String) -> (error: ErrorCode?, summary: GroupSummary) {
        let missing = GroupSummary(groupId: groupId, state: nil, protocolType: "", protocolName: "", members: [])
        if let error = validateGroupStatus(groupId, membership: false) { return (error, missing) }
        guard let group = groups[groupId], !group.isIn(.dead) else { return (nil, missing) }
        // Metadata and assignments only once the group is Stable (Kafka's summary vs summaryNoMetadata).
        let protocolName = group.isIn(.stable) ? group.protocolName : nil
        let members = group.allMembers.map { member in
            GroupSummary.Member(
                memberId: member.memberId, groupInstanceId: member.groupInstanceId, clientId: member.clientId,
                clientHost: member.clientHost,
                metadata: protocolName.flatMap { member.metadata(for: $0) } ?? ByteBuffer(),
                assignment: protocolName == nil ? ByteBuffer() : member.assignment)
        }
        return (
            nil,
            GroupSummary(
                groupId: groupId, state: group.state, protocolType: group.protocolType ?? "",
                protocolName: protocolName ?? "", members: members)
        )
    }

    func listGroups(states: Set<GroupState>) -> (error: ErrorCode, groups: [GroupListing]) {
        guard active else { return (.coordinatorNotAvailable, []) }
        let listed = groups.values
            .filter { !$0.isIn(.dead) && (states.isEmpty || states.contains($0.state)) }
            .sorted { $0.groupId < $1.groupId }
            .map { GroupListing(groupId: $0.groupId, protocolType: $0.protocolType ?? "", state: $0.state) }
        return (.noError, listed)
    }

    /// DeleteGroups: one error per group in request order. Groups with members are refused (NON_EMPTY_GROUP);
    /// deleted ones lose their offsets and get tombstones.
    func deleteGroups(_ groupIds: [String]) async -> [ErrorCode] {
        var results: [ErrorCode] = []
        var deleted: [ClassicGroup] = []
        for groupId in groupIds {
            if let error = validateGroupStatus(groupId, membership: false) {
                results.append(error)
                continue
            }
            guard let group = groups[groupId], !group.isIn(.dead) else {
                results.append(.groupIdNotFound)
                continue
            }
            switch group.state {
            case .empty:
                group.transition(to: .dead, now: now)
                removeDeadGroup(group)
                deleted.append(group)
                results.append(.noError)
            case .preparingRebalance, .completingRebalance, .stable:
                results.append(.nonEmptyGroup)
            case .dead:
                results.append(.groupIdNotFound)
            }
        }
        guard !deleted.isEmpty else { return results }
        var removedOffsets = 0
        for group in deleted {
            removedOffsets += group.offsets.count
            await writeTombstones(for: group, offsets: Array(group.offsets.keys), groupRecord: true)
            group.offsets = [:]
        }
        info(
            "The following groups were deleted: \(deleted.map(\.groupId).joined(separator: ", ")). A total of \(removedOffsets) offsets were removed.")
        return results
    }

    /// Tombstones for `offsets` of the group, and for its metadata when `groupRecord` and it ever had a generation
    /// (simple groups have no metadata record).
    func writeTombstones(for group: ClassicGroup, offsets: [TopicPartition], groupRecord: Bool) async {
        var records = offsets.sorted().compactMap { try? GroupRecordCodec.offsetCommit(groupId: group.groupId, $0, nil) }
        if groupRecord, group.generationId > 0, let tombstone = try? GroupRecordCodec.groupMetadata(groupId: group.groupId, nil) {
            records.append(tombstone)
        }
        let code = await store.append(records, partition: partitionFor(group.groupId))
        if code != .noError { warn("Failed to write tombstones for group \(group.groupId): \(code.name)") }
    }
}
