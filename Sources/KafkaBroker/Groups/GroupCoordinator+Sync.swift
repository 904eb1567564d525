import KafkaProtocol
import NIOCore

/// A SyncGroup request as the coordinator needs it.
struct SyncGroupParameters: Sendable {
    var groupId: String
    var generationId: Int32
    var memberId: String
    var groupInstanceId: String?
    /// v5+: checked against the group's when given.
    var protocolType: String?
    var protocolName: String?
    /// Only the leader sends assignments.
    var assignments: [(memberId: String, assignment: ByteBuffer)]
}

extension GroupCoordinator {
    /// Waits for the member's assignment: at once in a Stable group, else until the leader's SyncGroup is stored.
    func syncGroup(_ request: SyncGroupParameters) async -> SyncGroupOutcome {
        await withCheckedContinuation { continuation in
            handleSyncGroup(request) { continuation.resume(returning: $0) }
        }
    }

    func handleSyncGroup(_ request: SyncGroupParameters, respond: @escaping SyncCallback) {
        if let error = validateGroupStatus(request.groupId, membership: true) { return respond(SyncGroupOutcome(error: error)) }
        guard let group = groups[request.groupId] else { return respond(SyncGroupOutcome(error: .unknownMemberId)) }
        let memberId = request.memberId
        if group.isIn(.dead) { return respond(SyncGroupOutcome(error: .coordinatorNotAvailable)) }
        if group.isStaticMemberFenced(instanceId: request.groupInstanceId, memberId: memberId) {
            return respond(SyncGroupOutcome(error: .fencedInstanceId))
        }
        guard let member = group.member(memberId) else { return respond(SyncGroupOutcome(error: .unknownMemberId)) }
        guard request.generationId == group.generationId else { return respond(SyncGroupOutcome(error: .illegalGeneration)) }
        if let type = request.protocolType, type != group.protocolType {
            return respond(SyncGroupOutcome(error: .inconsistentGroupProtocol))
        }
        if let name = request.protocolName, name != group.protocolName {
            return respond(SyncGroupOutcome(error: .inconsistentGroupProtocol))
        }
        switch group.state {
        case .empty:
            respond(SyncGroupOutcome(error: .unknownMemberId))
        case .preparingRebalance:
            respond(SyncGroupOutcome(error: .rebalanceInProgress))
        case .completingRebalance:
            maybeInvokeSync(group, memberId, SyncGroupOutcome(error: .rebalanceInProgress))
            group.update(memberId) { $0.awaitingSync = respond }
            group.pendingSyncMembers.remove(memberId)
            if group.isLeader(memberId) { receiveLeaderAssignment(group, from: memberId, request.assignments) }
        case .stable:
            group.pendingSyncMembers.remove(memberId)
            respond(assignmentAnswer(group, member.assignment))
            touch(group, memberId)
        case .dead:
            respond(SyncGroupOutcome(error: .coordinatorNotAvailable))
        }
    }

    private func assignmentAnswer(_ group: ClassicGroup, _ assignment: ByteBuffer) -> SyncGroupOutcome {
        SyncGroupOutcome(
            error: .noError, protocolType: group.protocolType, protocolName: group.protocolName, assignment: assignment)
    }

    /// Stores the leader's assignment (members it left out get an empty one), then hands it out and the group is
    /// Stable, unless the group moved on while the record was written.
    private func receiveLeaderAssignment(
        _ group: ClassicGroup, from leaderId: String, _ assignments: [(memberId: String, assignment: ByteBuffer)]
    ) {
        info(
            "Assignment received from leader \(leaderId) for group \(group.groupId) for generation \(group.generationId). The group has \(group.size) members, \(group.staticMemberCount) of which are static.")
        var assignment: [String: ByteBuffer] = [:]
        for entry in assignments where group.has(entry.memberId) { assignment[entry.memberId] = entry.assignment }
        let missing = group.allMembers.map(\.memberId).filter { assignment[$0] == nil }
        if !missing.isEmpty {
            warn("Setting empty assignments for members \(missing) of \(group.groupId) for generation \(group.generationId)")
            for memberId in missing { assignment[memberId] = ByteBuffer() }
        }
        let generation = group.generationId
        let record = prepareGroupRecord(group, assignment: assignment)
        Task {
            let code = await self.appendGroupRecord(group.groupId, record)
            self.finishLeaderAssignment(group, generation: generation, assignment: assignment, leaderId: leaderId, code: code)
        }
    }

    private func finishLeaderAssignment(
        _ group: ClassicGroup, generation: Int32, assignment: [String: ByteBuffer], leaderId: String, code: ErrorCode
    ) {
        // Another member may have joined while the record was written: then this generation is over.
        guard groups[group.groupId] === group, group.isIn(.completingRebalance), group.generationId == generation else {
            return
        }
        if code != .noError {
            resetAndPropagateAssignmentError(group, Self.coordinatorError(fromAppend: code, commit: false))
            maybePrepareRebalance(group, reason: "Error when storing group assignment during SyncGroup (member: \(leaderId))")
            return
        }
        for member in group.allMembers {
            group.update(member.memberId) { $0.assignment = assignment[member.memberId] ?? ByteBuffer() }
        }
        propagateAssignment(group, error: .noError)
        group.transition(to: .stable, now: now)
    }

    /// Clears every assignment and answers the waiting SyncGroups with `error`.
    func resetAndPropagateAssignmentError(_ group: ClassicGroup, _ error: ErrorCode) {
        for member in group.allMembers { group.update(member.memberId) { $0.assignment = ByteBuffer() } }
        propagateAssignment(group, error: error)
    }

    private func propagateAssignment(_ group: ClassicGroup, error: ErrorCode) {
        for member in group.allMembers {
            let answer = error == .noError
                ? assignmentAnswer(group, member.assignment) : SyncGroupOutcome(error: error)
            if member.isAwaitingSync {
                maybeInvokeSync(group, member.memberId, answer)
                touch(group, member.memberId)
            }
        }
    }
}
