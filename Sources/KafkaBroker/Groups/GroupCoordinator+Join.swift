import KafkaProtocol

/// A JoinGroup request as the coordinator needs it.
struct JoinGroupParameters: Sendable {
    var groupId: String
    var memberId: String
    var groupInstanceId: String?
    /// v4+: a member without an id gets one with MEMBER_ID_REQUIRED and must join again with it.
    var requireKnownMemberId: Bool
    /// v9+: a static leader's rejoin can be answered with skipAssignment.
    var supportsSkippingAssignment: Bool
    var clientId: String
    var clientHost: String
    var rebalanceTimeoutMs: Int32
    var sessionTimeoutMs: Int32
    var protocolType: String
    var protocols: [MemberProtocol]
    var reason: String
}

extension GroupCoordinator {
    /// Waits until the member's join is answered: at once for errors and MEMBER_ID_REQUIRED, else at the end of
    /// the join phase.
    func joinGroup(_ request: JoinGroupParameters) async -> JoinGroupOutcome {
        await withCheckedContinuation { continuation in
            handleJoinGroup(request) { continuation.resume(returning: $0) }
        }
    }

    func handleJoinGroup(_ request: JoinGroupParameters, respond: @escaping JoinCallback) {
        if let error = validateGroupStatus(request.groupId, membership: true) {
            return respond(.failure(error, memberId: request.memberId))
        }
        guard request.sessionTimeoutMs >= config.groupMinSessionTimeoutMs,
            request.sessionTimeoutMs <= config.groupMaxSessionTimeoutMs
        else { return respond(.failure(.invalidSessionTimeout, memberId: request.memberId)) }

        let isUnknownMember = request.memberId.isEmpty
        let group: ClassicGroup
        if let existing = groups[request.groupId] {
            group = existing
        } else if isUnknownMember {
            // Only a member without an id may create a group; a known id for a group we do not have is stale.
            group = ClassicGroup(groupId: request.groupId, now: now)
            groups[request.groupId] = group
        } else {
            return respond(.failure(.unknownMemberId, memberId: request.memberId))
        }

        if !acceptsJoiningMember(group, request.memberId) {
            if group.has(request.memberId) { removeMemberAndUpdateGroup(group, request.memberId, reason: "group is full") }
            respond(.failure(.groupMaxSizeReached, memberId: ""))
        } else if isUnknownMember {
            joinNewMember(group, request, respond: respond)
        } else {
            joinCurrentMember(group, request, respond: respond)
        }
        if group.isIn(.preparingRebalance) { tryCompleteJoin(group) }
    }

    /// `group.max.size`: members already in (or already waiting) are kept; newcomers only while there is room.
    private func acceptsJoiningMember(_ group: ClassicGroup, _ memberId: String) -> Bool {
        let limit = Int(config.groupMaxSize)
        switch group.state {
        case .empty, .dead:
            return true
        case .preparingRebalance:
            return (group.member(memberId)?.isAwaitingJoin ?? false) || group.awaitingJoinCount < limit
        case .completingRebalance, .stable:
            return group.has(memberId) || group.size < limit
        }
    }

    private func joinNewMember(_ group: ClassicGroup, _ request: JoinGroupParameters, respond: @escaping JoinCallback) {
        if group.isIn(.dead) {
            // Deleted while this request waited for the actor: let the client look for the coordinator again.
            return respond(.failure(.coordinatorNotAvailable, memberId: ""))
        }
        guard group.supports(protocolType: request.protocolType, protocols: request.protocols) else {
            return respond(.failure(.inconsistentGroupProtocol, memberId: ""))
        }
        let newMemberId = MemberIdGenerator.next(clientId: request.clientId, groupInstanceId: request.groupInstanceId)
        if let instanceId = request.groupInstanceId {
            if let oldMemberId = group.staticMemberId(instanceId) {
                info(
                    "Static member with groupInstanceId=\(instanceId) and unknown member id joins group \(group.groupId) in \(group.state.rawValue) state. Replacing previously mapped member \(oldMemberId) with this groupInstanceId.")
                updateStaticMemberAndRebalance(group, oldMemberId: oldMemberId, newMemberId: newMemberId, request, respond: respond)
            } else {
                info(
                    "Static member with groupInstanceId=\(instanceId) and unknown member id joins group \(group.groupId) in \(group.state.rawValue) state. Created a new member id \(newMemberId) for this member and add to the group.")
                addMemberAndRebalance(group, memberId: newMemberId, request, respond: respond)
            }
        } else if request.requireKnownMemberId {
            info(
                "Dynamic member with unknown member id joins group \(group.groupId) in \(group.state.rawValue) state. Created a new member id \(newMemberId) and request the member to rejoin with this id.")
            group.addPending(newMemberId)
            schedule(.pendingMember(group: group.groupId, member: newMemberId), afterMs: Int64(request.sessionTimeoutMs))
            respond(.failure(.memberIdRequired, memberId: newMemberId))
        } else {
            info(
                "Dynamic member with unknown member id joins group \(group.groupId) in \(group.state.rawValue) state. Created a new member id \(newMemberId) for this member and add to the group.")
            addMemberAndRebalance(group, memberId: newMemberId, request, respond: respond)
        }
    }

    private func joinCurrentMember(_ group: ClassicGroup, _ request: JoinGroupParameters, respond: @escaping JoinCallback) {
        let memberId = request.memberId
        if group.isIn(.dead) {
            return respond(.failure(.coordinatorNotAvailable, memberId: memberId))
        }
        guard group.supports(protocolType: request.protocolType, protocols: request.protocols) else {
            return respond(.failure(.inconsistentGroupProtocol, memberId: memberId))
        }
        if group.isPending(memberId) {
            // The second join of the MEMBER_ID_REQUIRED handshake (pending members are never static).
            cancelTimer(.pendingMember(group: group.groupId, member: memberId))
            return addMemberAndRebalance(group, memberId: memberId, request, respond: respond)
        }
        let unknownInstance = request.groupInstanceId.map { group.staticMemberId($0) == nil } ?? false
        if group.isStaticMemberFenced(instanceId: request.groupInstanceId, memberId: memberId) {
            return respond(.failure(.fencedInstanceId, memberId: memberId))
        }
        guard let member = group.member(memberId), !unknownInstance else {
            return respond(.failure(.unknownMemberId, memberId: memberId))
        }
        switch group.state {
        case .preparingRebalance:
            updateMemberAndRebalance(
                group, memberId, request,
                reason: "Member \(memberId) joining group during \(group.state.rawValue); client reason: \(request.reason)",
                respond: respond)
        case .completingRebalance:
            if member.matches(request.protocols) {
                // A retry of a join whose answer was lost: the same answer again.
                respond(joinAnswer(group, for: memberId))
            } else {
                updateMemberAndRebalance(
                    group, memberId, request,
                    reason: "Updating metadata for member \(memberId) during \(group.state.rawValue); client reason: \(request.reason)",
                    respond: respond)
            }
        case .stable:
            if group.isLeader(memberId) {
                // The leader rejoins to trigger a rebalance for changes outside the metadata (new partitions).
                updateMemberAndRebalance(
                    group, memberId, request,
                    reason: "Leader \(memberId) re-joining group during \(group.state.rawValue); client reason: \(request.reason)",
                    respond: respond)
            } else if !member.matches(request.protocols) {
                updateMemberAndRebalance(
                    group, memberId, request,
                    reason: "Updating metadata for member \(memberId) during \(group.state.rawValue); client reason: \(request.reason)",
                    respond: respond)
            } else {
                // A follower with nothing new: the current generation, so it can go straight to SyncGroup.
                respond(joinAnswer(group, for: memberId, includeMembers: false))
            }
        case .empty, .dead:
            warn("Attempt to add rejoining member \(memberId) of group \(group.groupId) in unexpected group state \(group.state.rawValue)")
            respond(.failure(.unknownMemberId, memberId: memberId))
        }
    }

    /// The answer for the current generation; the leader gets every member's metadata.
    func joinAnswer(_ group: ClassicGroup, for memberId: String, includeMembers: Bool = true) -> JoinGroupOutcome {
        JoinGroupOutcome(
            error: .noError, memberId: memberId, generationId: group.generationId, protocolType: group.protocolType,
            protocolName: group.protocolName, leaderId: group.leaderId ?? "",
            members: includeMembers && group.isLeader(memberId) ? group.currentMemberMetadata : [])
    }

    private func addMemberAndRebalance(
        _ group: ClassicGroup, memberId: String, _ request: JoinGroupParameters, respond: @escaping JoinCallback
    ) {
        let member = GroupMember(
            memberId: memberId, groupInstanceId: request.groupInstanceId, clientId: request.clientId,
            clientHost: request.clientHost, rebalanceTimeoutMs: request.rebalanceTimeoutMs,
            sessionTimeoutMs: request.sessionTimeoutMs, protocolType: request.protocolType,
            protocols: request.protocols, awaitingJoin: respond, isNew: true, heartbeatDeadline: .now)
        // A member arriving during the initial delay extends it once more.
        if group.isIn(.preparingRebalance) && group.generationId == 0 { group.newMemberAdded = true }
        group.add(member)
        // New members cannot heartbeat yet; a JoinGroup that waits too long (client gone) times out instead.
        touch(group, memberId, timeoutMs: Self.newMemberJoinTimeoutMs)
        maybePrepareRebalance(
            group,
            reason: "Adding new member \(memberId) with group instance id \(request.groupInstanceId ?? "None"); client reason: \(request.reason)")
    }

    private func updateMemberAndRebalance(
        _ group: ClassicGroup, _ memberId: String, _ request: JoinGroupParameters, reason: String,
        respond: @escaping JoinCallback
    ) {
        group.updateProtocols(
            of: memberId, to: request.protocols, rebalanceTimeoutMs: request.rebalanceTimeoutMs,
            sessionTimeoutMs: request.sessionTimeoutMs)
        replaceJoinWaiter(group, memberId, with: respond)
        maybePrepareRebalance(group, reason: reason)
    }

    /// A member that sends JoinGroup again while one is waiting: the older request is answered (its connection is
    /// most likely gone) and the new one waits.
    private func replaceJoinWaiter(_ group: ClassicGroup, _ memberId: String, with respond: @escaping JoinCallback) {
        maybeInvokeJoin(group, memberId, .failure(.rebalanceInProgress, memberId: memberId))
        group.update(memberId) { $0.awaitingJoin = respond }
    }

    /// A static member restarted (new member id, same instance id). In a Stable group whose protocol choice stays
    /// the same it keeps its assignment without a rebalance; otherwise the group rebalances.
    private func updateStaticMemberAndRebalance(
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

    // MARK: Rebalance

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
