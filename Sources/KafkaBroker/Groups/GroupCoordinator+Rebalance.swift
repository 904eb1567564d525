import KafkaProtocol

/// The join phase of a rebalance (Kafka's DelayedJoin and InitialDelayedJoin) and its end.
extension GroupCoordinator {
    func maybePrepareRebalance(_ group: ClassicGroup, reason: String) {
        if group.canRebalance { prepareRebalance(group, reason: reason) }
    }

    func prepareRebalance(_ group: ClassicGroup, reason: String) {
        // Members waiting for an assignment of the old generation must rejoin.
        if group.isIn(.completingRebalance) { resetAndPropagateAssignmentError(group, .rebalanceInProgress) }
        cancelTimer(.pendingSync(group.groupId))
        let wasEmpty = group.isIn(.empty)
        group.transition(to: .preparingRebalance, now: now)
        info(
            "Preparing to rebalance group \(group.groupId) in state \(group.state.rawValue) with old generation \(group.generationId) (\(offsetsPartitionName(group.groupId))) (reason: \(reason))")
        if wasEmpty {
            let delay = Int64(config.groupInitialRebalanceDelayMs)
            group.joinPhase = .initial(remainingMs: max(Int64(group.rebalanceTimeoutMs) - delay, 0))
            schedule(.join(group.groupId), afterMs: delay)
        } else {
            group.joinPhase = .regular
            schedule(.join(group.groupId), afterMs: Int64(group.rebalanceTimeoutMs))
            tryCompleteJoin(group)
        }
    }

    /// Ends a regular join phase early once every member (and no pending one) has joined.
    func tryCompleteJoin(_ group: ClassicGroup) {
        guard group.isIn(.preparingRebalance), case .regular = group.joinPhase, group.hasAllMembersJoined else { return }
        completeJoin(group)
    }

    func onJoinPhaseTimeout(_ group: ClassicGroup) {
        guard group.isIn(.preparingRebalance) else { return }
        if case .initial(let remaining) = group.joinPhase, group.newMemberAdded, remaining > 0 {
            group.newMemberAdded = false
            let delay = min(Int64(config.groupInitialRebalanceDelayMs), remaining)
            group.joinPhase = .initial(remainingMs: max(remaining - delay, 0))
            schedule(.join(group.groupId), afterMs: delay)
            return
        }
        completeJoin(group)
    }

    /// Kafka's onCompleteJoin: drops dynamic members that did not rejoin, elects a leader among those that did,
    /// starts the next generation and answers every waiting JoinGroup.
    private func completeJoin(_ group: ClassicGroup) {
        cancelTimer(.join(group.groupId))
        group.joinPhase = nil
        let missing = group.notYetRejoined.filter { !$0.isStatic }.map(\.memberId)
        if !missing.isEmpty {
            info("Group \(group.groupId) removed dynamic members who haven't joined: \(missing)")
            for memberId in missing {
                maybeInvokeSync(group, memberId, SyncGroupOutcome(error: .unknownMemberId))
                group.remove(memberId)
                cancelHeartbeat(group, memberId)
            }
        }
        if group.isIn(.dead) {
            info("Group \(group.groupId) is dead, skipping rebalance stage")
            return
        }
        if !group.electJoinedLeader() && !group.isEmpty {
            // Only static members that did not come back: wait another round for them (or their expiry).
            error("Group \(group.groupId) could not complete rebalance because no members rejoined")
            group.joinPhase = .regular
            schedule(.join(group.groupId), afterMs: Int64(group.rebalanceTimeoutMs))
            return
        }
        group.initNextGeneration(now: now)
        if group.isIn(.empty) {
            info(
                "Group \(group.groupId) with generation \(group.generationId) is now empty (\(offsetsPartitionName(group.groupId)))")
            let record = prepareGroupRecord(group, assignment: [:])
            let groupId = group.groupId
            Task {
                let code = await self.appendGroupRecord(groupId, record)
                if code != .noError { self.warn("Failed to write empty metadata for group \(groupId): \(code.name)") }
            }
            return
        }
        info(
            "Stabilized group \(group.groupId) generation \(group.generationId) (\(offsetsPartitionName(group.groupId))) with \(group.size) members")
        for member in group.allMembers {
            maybeInvokeJoin(group, member.memberId, joinAnswer(group, for: member.memberId))
            group.update(member.memberId) { $0.isNew = false }
            touch(group, member.memberId)
            group.pendingSyncMembers.insert(member.memberId)
        }
        schedule(.pendingSync(group.groupId), afterMs: Int64(group.rebalanceTimeoutMs))
    }
}
