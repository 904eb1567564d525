import KafkaProtocol

/// One member named in a LeaveGroup request (v3+ batches several; v0–v2 send one).
struct LeavingMember: Sendable {
    var memberId: String
    var groupInstanceId: String?
    var reason: String?
}

extension GroupCoordinator {
    func heartbeat(groupId: String, memberId: String, groupInstanceId: String?, generationId: Int32) -> ErrorCode {
        if let error = validateGroupStatus(groupId, membership: true) { return error }
        guard let group = groups[groupId] else { return .unknownMemberId }
        if group.isIn(.dead) { return .coordinatorNotAvailable }
        if group.isStaticMemberFenced(instanceId: groupInstanceId, memberId: memberId) { return .fencedInstanceId }
        guard group.has(memberId) else { return .unknownMemberId }
        guard generationId == group.generationId else { return .illegalGeneration }
        switch group.state {
        case .empty, .dead:
            return .unknownMemberId
        case .completingRebalance, .stable:
            // Members may heartbeat as soon as they have their JoinGroup answer.
            touch(group, memberId)
            return .noError
        case .preparingRebalance:
            touch(group, memberId)
            return .rebalanceInProgress
        }
    }

    /// Per-member results in request order, or a group-level error.
    func leaveGroup(groupId: String, members: [LeavingMember]) -> (error: ErrorCode, results: [ErrorCode]) {
        if let error = validateGroupStatus(groupId, membership: true) { return (error, []) }
        guard let group = groups[groupId] else {
            return (.noError, members.map { _ in .unknownMemberId })
        }
        if group.isIn(.dead) { return (.coordinatorNotAvailable, []) }
        let results = members.map { leaving -> ErrorCode in
            let reason = leaving.reason ?? "not provided"
            if leaving.memberId.isEmpty {
                // Administrative removal by group.instance.id (kafka-consumer-groups --delete-members style).
                guard let current = group.staticMemberId(leaving.groupInstanceId) else { return .unknownMemberId }
                removeCurrentMember(group, current, reason: reason)
                return .noError
            }
            if group.isPending(leaving.memberId) {
                removePendingMemberAndUpdateGroup(group, leaving.memberId)
                info(
                    "Pending member with memberId=\(leaving.memberId) has left group \(groupId) through explicit `LeaveGroup` request; client reason: \(reason)")
                return .noError
            }
            if group.isStaticMemberFenced(instanceId: leaving.groupInstanceId, memberId: leaving.memberId) {
                return .fencedInstanceId
            }
            guard group.has(leaving.memberId) else { return .unknownMemberId }
            removeCurrentMember(group, leaving.memberId, reason: reason)
            return .noError
        }
        return (.noError, results)
    }

    private func removeCurrentMember(_ group: ClassicGroup, _ memberId: String, reason: String) {
        removeMemberAndUpdateGroup(group, memberId, reason: "Removing member \(memberId) on LeaveGroup; client reason: \(reason)")
        info(
            "Member \(memberId) has left group \(group.groupId) through explicit `LeaveGroup` request; client reason: \(reason)")
    }

    /// Removes a member (answering its waiting requests with UNKNOWN_MEMBER_ID, so a live client rejoins) and lets
    /// the group react: a rebalance from Stable/CompletingRebalance, maybe the end of a join phase.
    func removeMemberAndUpdateGroup(_ group: ClassicGroup, _ memberId: String, reason: String) {
        maybeInvokeJoin(group, memberId, .failure(.unknownMemberId, memberId: ""))
        maybeInvokeSync(group, memberId, SyncGroupOutcome(error: .unknownMemberId))
        group.remove(memberId)
        cancelHeartbeat(group, memberId)
        switch group.state {
        case .dead, .empty:
            break
        case .stable, .completingRebalance:
            maybePrepareRebalance(group, reason: reason)
        case .preparingRebalance:
            tryCompleteJoin(group)
        }
    }

    func removePendingMemberAndUpdateGroup(_ group: ClassicGroup, _ memberId: String) {
        group.removePending(memberId)
        cancelTimer(.pendingMember(group: group.groupId, member: memberId))
        if group.isIn(.preparingRebalance) { tryCompleteJoin(group) }
    }
}
