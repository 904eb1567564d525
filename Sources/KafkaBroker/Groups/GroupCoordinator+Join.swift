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
}
