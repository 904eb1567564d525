import KafkaProtocol

/// The coordinator's delayed operations (Kafka's join, heartbeat and sync purgatories), one timer per key.
enum GroupTimerKey: Hashable, Sendable {
    /// The end of a group's join phase (initial delay or rebalance timeout).
    case join(String)
    /// Members that got their JoinGroup answer must send SyncGroup within the rebalance timeout.
    case pendingSync(String)
    /// A member's session: fires at its heartbeat deadline.
    case heartbeat(group: String, member: String)
    /// A member id handed out with MEMBER_ID_REQUIRED must come back within the session timeout.
    case pendingMember(group: String, member: String)
}

struct ScheduledTimer {
    var token: UInt64
    var fireAt: ContinuousClock.Instant
    var task: Task<Void, Never>
}

extension GroupCoordinator {
    /// (Re)schedules `key` to fire at `deadline`, replacing an earlier schedule of the same key.
    func schedule(_ key: GroupTimerKey, at deadline: ContinuousClock.Instant) {
        cancelTimer(key)
        guard active else { return }
        nextTimerToken &+= 1
        let token = nextTimerToken
        let task = Task { [weak self] in
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
            } catch {
                return
            }
            await self?.timerFired(key, token: token)
        }
        timers[key] = ScheduledTimer(token: token, fireAt: deadline, task: task)
    }

    func schedule(_ key: GroupTimerKey, afterMs milliseconds: Int64) {
        schedule(key, at: .now + .milliseconds(max(milliseconds, 0)))
    }

    func cancelTimer(_ key: GroupTimerKey) {
        timers.removeValue(forKey: key)?.task.cancel()
    }

    private func timerFired(_ key: GroupTimerKey, token: UInt64) {
        // A timer that was cancelled or replaced after it woke up must not act.
        guard active, timers[key]?.token == token else { return }
        timers[key] = nil
        switch key {
        case .join(let groupId):
            if let group = groups[groupId] { onJoinPhaseTimeout(group) }
        case .pendingSync(let groupId):
            if let group = groups[groupId] { onPendingSyncExpired(group) }
        case .heartbeat(let groupId, let memberId):
            if let group = groups[groupId] { onHeartbeatDeadline(group, memberId) }
        case .pendingMember(let groupId, let memberId):
            if let group = groups[groupId] { onPendingMemberExpired(group, memberId) }
        }
    }

    /// Kafka's completeAndScheduleNextHeartbeatExpiration: the member has `timeoutMs` (its session timeout by
    /// default) from now before it is considered gone. The timer fires at the earliest deadline and re-arms.
    func touch(_ group: ClassicGroup, _ memberId: String, timeoutMs: Int64? = nil) {
        guard let member = group.member(memberId) else { return }
        let deadline = ContinuousClock.now + .milliseconds(timeoutMs ?? Int64(member.sessionTimeoutMs))
        group.update(memberId) { $0.heartbeatDeadline = deadline }
        let key = GroupTimerKey.heartbeat(group: group.groupId, member: memberId)
        if let existing = timers[key], existing.fireAt <= deadline { return }
        schedule(key, at: deadline)
    }

    func cancelHeartbeat(_ group: ClassicGroup, _ memberId: String) {
        cancelTimer(.heartbeat(group: group.groupId, member: memberId))
    }

    private func onHeartbeatDeadline(_ group: ClassicGroup, _ memberId: String) {
        guard let member = group.member(memberId), !group.isIn(.dead) else { return }
        let key = GroupTimerKey.heartbeat(group: group.groupId, member: memberId)
        if member.heartbeatDeadline > .now {
            schedule(key, at: member.heartbeatDeadline)
            return
        }
        // Members waiting in a rebalance count as alive (new members only until their join timeout).
        if !member.isNew && (member.isAwaitingJoin || member.isAwaitingSync) {
            touch(group, memberId)
            return
        }
        info("Member \(memberId) in group \(group.groupId) has failed, removing it from the group")
        removeMemberAndUpdateGroup(group, memberId, reason: "removing member \(memberId) on heartbeat expiration")
    }

    private func onPendingMemberExpired(_ group: ClassicGroup, _ memberId: String) {
        guard group.isPending(memberId) else { return }
        info("Pending member \(memberId) in group \(group.groupId) has been removed after session timeout expiration.")
        removePendingMemberAndUpdateGroup(group, memberId)
    }

    private func onPendingSyncExpired(_ group: ClassicGroup) {
        guard group.isIn(.completingRebalance) || group.isIn(.stable), !group.pendingSyncMembers.isEmpty else { return }
        let pending = group.pendingSyncMembers.sorted()
        for memberId in pending {
            maybeInvokeSync(group, memberId, SyncGroupOutcome(error: .unknownMemberId))
            group.remove(memberId)
            cancelHeartbeat(group, memberId)
        }
        debug("Group \(group.groupId) removed members who haven't sent their sync requests: \(pending)")
        prepareRebalance(group, reason: "Removing \(pending) on pending sync request expiration")
    }
}
