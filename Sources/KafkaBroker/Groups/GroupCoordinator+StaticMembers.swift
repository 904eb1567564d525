import KafkaProtocol

extension GroupCoordinator {
    /// A static member restarted (new member id, same instance id). In a Stable group whose protocol choice stays
    /// the same it keeps its assignment without a rebalance; otherwise the group rebalances.
    func updateStaticMemberAndRebalance(
        _ group: ClassicGroup, oldMemberId: String, newMemberId: String, _ request: JoinGroupParameters,
        respond: @escaping JoinCallback
    ) {
        guard let instanceId = request.groupInstanceId, let old = group.member(oldMemberId) else {
            return respond(.failure(.unknownMemberId, memberId: ""))
        }
        let previousLeader = group.leaderId
        let waiters = group.replaceStaticMember(instanceId: instanceId, oldMemberId: oldMemberId, newMemberId: newMemberId)
        // The old instance's pending requests belong to a zombie now.
        waiters.join?(.failure(.fencedInstanceId, memberId: oldMemberId))
        waiters.sync?(SyncGroupOutcome(error: .fencedInstanceId))
        cancelHeartbeat(group, oldMemberId)
        touch(group, newMemberId)
        group.updateProtocols(
            of: newMemberId, to: request.protocols, rebalanceTimeoutMs: request.rebalanceTimeoutMs,
            sessionTimeoutMs: request.sessionTimeoutMs)
        group.update(newMemberId) { $0.awaitingJoin = respond }

        switch group.state {
        case .stable:
            if group.protocolName == group.selectProtocol() {
                info("Static member which joins during Stable stage and doesn't affect selectProtocol will not trigger rebalance.")
                let revert = StaticRejoinRevert(
                    instanceId: instanceId, oldMemberId: oldMemberId, newMemberId: newMemberId, protocols: old.protocols,
                    rebalanceTimeoutMs: old.rebalanceTimeoutMs, sessionTimeoutMs: old.sessionTimeoutMs,
                    previousLeader: previousLeader, supportsSkippingAssignment: request.supportsSkippingAssignment)
                let assignment = Dictionary(uniqueKeysWithValues: group.allMembers.map { ($0.memberId, $0.assignment) })
                let pending = prepareGroupRecord(group, assignment: assignment)
                Task { await self.completeStaticRejoin(group, record: pending, revert: revert) }
            } else {
                maybePrepareRebalance(
                    group,
                    reason: "Group's selectedProtocol will change because static member \(newMemberId) with instance id \(instanceId) joined with change of protocol; client reason: \(request.reason)")
            }
        case .completingRebalance:
            // Everyone must learn the new member id: start over.
            prepareRebalance(
                group,
                reason: "Updating metadata for static member \(newMemberId) with instance id \(instanceId); client reason: \(request.reason)")
        case .preparingRebalance:
            break  // answered when the join phase ends
        case .empty, .dead:
            maybeInvokeJoin(group, newMemberId, .failure(.unknownMemberId, memberId: ""))
        }
    }

    /// What a failed store of a static rejoin undoes.
    struct StaticRejoinRevert: Sendable {
        var instanceId: String
        var oldMemberId: String
        var newMemberId: String
        var protocols: [MemberProtocol]
        var rebalanceTimeoutMs: Int32
        var sessionTimeoutMs: Int32
        var previousLeader: String?
        var supportsSkippingAssignment: Bool
    }

    private func completeStaticRejoin(
        _ group: ClassicGroup, record: GroupRecordCodec.Encoded?, revert: StaticRejoinRevert
    ) async {
        let code = await appendGroupRecord(group.groupId, record)
        guard groups[group.groupId] === group, group.has(revert.newMemberId) else { return }
        if code != .noError {
            warn("Failed to persist metadata for group \(group.groupId): \(code.name)")
            let error = Self.coordinatorError(fromAppend: code, commit: false)
            let waiter = group.member(revert.newMemberId)?.awaitingJoin
            group.update(revert.newMemberId) { $0.awaitingJoin = nil }
            group.updateProtocols(
                of: revert.newMemberId, to: revert.protocols, rebalanceTimeoutMs: revert.rebalanceTimeoutMs,
                sessionTimeoutMs: revert.sessionTimeoutMs)
            _ = group.replaceStaticMember(
                instanceId: revert.instanceId, oldMemberId: revert.newMemberId, newMemberId: revert.oldMemberId)
            cancelHeartbeat(group, revert.newMemberId)
            touch(group, revert.oldMemberId)
            waiter?(.failure(error, memberId: revert.newMemberId))
            return
        }
        let isLeader = group.isLeader(revert.newMemberId)
        let skip = isLeader && revert.supportsSkippingAssignment
        var answer = JoinGroupOutcome(
            error: .noError, memberId: revert.newMemberId, generationId: group.generationId,
            protocolType: group.protocolType, protocolName: group.protocolName,
            // Before v9 the old leader id is returned, so a restarted leader acts as a follower and does not
            // compute an assignment a Stable group would never hand out.
            leaderId: (skip ? group.leaderId : revert.previousLeader) ?? "", skipAssignment: skip)
        if skip { answer.members = group.currentMemberMetadata }
        maybeInvokeJoin(group, revert.newMemberId, answer)
    }
}
