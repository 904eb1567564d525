import KafkaProtocol
import KafkaStorage
import NIOCore

/// A classic-protocol group: members, generation, chosen protocol, and committed offsets. Owned by the
/// `GroupCoordinator` actor and never shared, so it is a plain class the actor mutates in place.
final class ClassicGroup {
    /// How the current join phase ends (Kafka's InitialDelayedJoin and DelayedJoin).
    enum JoinPhase {
        /// The first rebalance of an empty group: waits `group.initial.rebalance.delay.ms`, again while members
        /// keep arriving, at most until `remainingMs` of the rebalance timeout is used up.
        case initial(remainingMs: Int64)
        /// Ends when every member rejoined, or at the rebalance timeout.
        case regular
    }

    let groupId: String
    private(set) var state: GroupState
    /// Wall-clock milliseconds when the current state began (offset expiry counts from the move to Empty).
    private(set) var currentStateTimestamp: Int64
    var generationId: Int32 = 0
    var protocolType: String?
    var protocolName: String?
    var leaderId: String?
    /// In join order, so leader fallback and listings are stable.
    private(set) var memberIds: [String] = []
    private(set) var members: [String: GroupMember] = [:]
    /// group.instance.id → member id of the static members.
    private(set) var staticMembers: [String: String] = [:]
    /// Member ids handed out with MEMBER_ID_REQUIRED whose second JoinGroup has not arrived yet.
    private(set) var pendingMembers: Set<String> = []
    /// Members answered at the end of the join phase that have not sent SyncGroup yet.
    var pendingSyncMembers: Set<String> = []
    /// How many members offer each protocol name.
    private var protocolVotes: [String: Int] = [:]
    /// A member joined during the initial delay, so the delay is extended once more.
    var newMemberAdded = false
    var joinPhase: JoinPhase?
    /// Topics the members subscribe to (consumer protocol only; nil when unknown).
    private(set) var subscribedTopics: Set<String>?
    var offsets: [TopicPartition: CommittedOffset] = [:]
    /// Commits whose records are being appended; `require_stable` fetches see UNSTABLE_OFFSET_COMMIT for them.
    var pendingOffsetCommits: [TopicPartition: Int] = [:]

    init(groupId: String, state: GroupState = .empty, now: Int64) {
        self.groupId = groupId
        self.state = state
        self.currentStateTimestamp = now
    }

    // MARK: State

    func isIn(_ candidate: GroupState) -> Bool { state == candidate }

    func transition(to target: GroupState, now: Int64) {
        assert(target.validPreviousStates.contains(state), "group \(groupId): \(state) → \(target) is not allowed")
        state = target
        currentStateTimestamp = now
    }

    /// A rebalance may start from these states; in PreparingRebalance one is already under way.
    var canRebalance: Bool { state == .stable || state == .completingRebalance || state == .empty }

    // MARK: Members

    var size: Int { members.count }
    var isEmpty: Bool { members.isEmpty }
    var allMembers: [GroupMember] { memberIds.compactMap { members[$0] } }
    func has(_ memberId: String) -> Bool { members[memberId] != nil }
    func member(_ memberId: String) -> GroupMember? { members[memberId] }
    func isLeader(_ memberId: String) -> Bool { leaderId == memberId }
    func isPending(_ memberId: String) -> Bool { pendingMembers.contains(memberId) }
    func staticMemberId(_ instanceId: String?) -> String? { instanceId.flatMap { staticMembers[$0] } }
    var staticMemberCount: Int { staticMembers.count }

    /// A static member that presents a member id other than the one its instance id is mapped to is a zombie.
    func isStaticMemberFenced(instanceId: String?, memberId: String) -> Bool {
        guard let instanceId, let current = staticMembers[instanceId] else { return false }
        return current != memberId
    }

    func update(_ memberId: String, _ change: (inout GroupMember) -> Void) {
        guard var member = members[memberId] else { return }
        change(&member)
        members[memberId] = member
    }

    func add(_ member: GroupMember) {
        if members.isEmpty { protocolType = member.protocolType }
        members[member.memberId] = member
        memberIds.append(member.memberId)
        if leaderId == nil { leaderId = member.memberId }
        if let instanceId = member.groupInstanceId { staticMembers[instanceId] = member.memberId }
        for proto in member.protocols { protocolVotes[proto.name, default: 0] += 1 }
        pendingMembers.remove(member.memberId)
    }

    /// Removes the member (its waiters must have been answered); a leaving leader hands over to the oldest member.
    func remove(_ memberId: String) {
        guard let member = members.removeValue(forKey: memberId) else { return }
        memberIds.removeAll { $0 == memberId }
        for proto in member.protocols {
            protocolVotes[proto.name, default: 1] -= 1
            if protocolVotes[proto.name] == 0 { protocolVotes[proto.name] = nil }
        }
        if let instanceId = member.groupInstanceId, staticMembers[instanceId] == memberId {
            staticMembers[instanceId] = nil
        }
        pendingSyncMembers.remove(memberId)
        if leaderId == memberId { leaderId = memberIds.first }
    }

    func addPending(_ memberId: String) { pendingMembers.insert(memberId) }
    func removePending(_ memberId: String) { pendingMembers.remove(memberId) }

    /// New protocols (and timeouts) from a rejoin; the votes follow.
    func updateProtocols(of memberId: String, to protocols: [MemberProtocol], rebalanceTimeoutMs: Int32, sessionTimeoutMs: Int32) {
        guard var member = members[memberId] else { return }
        for proto in member.protocols {
            protocolVotes[proto.name, default: 1] -= 1
            if protocolVotes[proto.name] == 0 { protocolVotes[proto.name] = nil }
        }
        for proto in protocols { protocolVotes[proto.name, default: 0] += 1 }
        member.protocols = protocols
        member.rebalanceTimeoutMs = rebalanceTimeoutMs
        member.sessionTimeoutMs = sessionTimeoutMs
        members[memberId] = member
    }

    /// Moves a static member to a new member id (a restarted instance); its waiters belong to the old instance and
    /// are returned so the caller can fence them.
    func replaceStaticMember(instanceId: String, oldMemberId: String, newMemberId: String)
        -> (join: JoinCallback?, sync: SyncCallback?)
    {
        guard var member = members.removeValue(forKey: oldMemberId) else { return (nil, nil) }
        let waiters = (member.awaitingJoin, member.awaitingSync)
        member.awaitingJoin = nil
        member.awaitingSync = nil
        member.memberId = newMemberId
        members[newMemberId] = member
        if let index = memberIds.firstIndex(of: oldMemberId) { memberIds[index] = newMemberId }
        if leaderId == oldMemberId { leaderId = newMemberId }
        staticMembers[instanceId] = newMemberId
        if pendingSyncMembers.remove(oldMemberId) != nil { pendingSyncMembers.insert(newMemberId) }
        return waiters
    }

    // MARK: Join phase

    /// The longest rebalance timeout of the members: how long a join phase may wait.
    var rebalanceTimeoutMs: Int32 { members.values.map(\.rebalanceTimeoutMs).max() ?? 0 }

    var awaitingJoinCount: Int { members.values.filter(\.isAwaitingJoin).count }

    var hasAllMembersJoined: Bool { awaitingJoinCount == members.count && pendingMembers.isEmpty }

    /// Dynamic or static members that have not rejoined in this rebalance.
    var notYetRejoined: [GroupMember] { allMembers.filter { !$0.isAwaitingJoin } }

    /// Keeps the leader if it rejoined, else promotes any member that did; false when nobody rejoined.
    func electJoinedLeader() -> Bool {
        guard let current = leaderId, let leader = members[current] else { return false }
        if leader.isAwaitingJoin { return true }
        if let joined = allMembers.first(where: \.isAwaitingJoin) {
            leaderId = joined.memberId
            return true
        }
        return false
    }

    /// Whether a member offering these protocols may join: an empty group takes any non-empty offer, otherwise
    /// the protocol type must match and at least one protocol must be one every current member supports.
    func supports(protocolType: String, protocols: [MemberProtocol]) -> Bool {
        if state == .empty || members.isEmpty { return !protocolType.isEmpty && !protocols.isEmpty }
        return self.protocolType == protocolType && protocols.contains { protocolVotes[$0.name] == members.count }
    }

    /// Kafka's choice: among the protocols every member supports, the one most members prefer. Ties go to the
    /// leader's preference order (Kafka leaves them to hash order).
    func selectProtocol() -> String? {
        let candidates = Set(protocolVotes.filter { $0.value == members.count }.keys)
        guard !candidates.isEmpty else { return nil }
        var votes: [String: Int] = [:]
        for member in allMembers {
            if let vote = member.vote(among: candidates) { votes[vote, default: 0] += 1 }
        }
        let best = votes.values.max() ?? 0
        let preference = (leaderId.flatMap { members[$0] } ?? allMembers.first)?.protocols.map(\.name) ?? []
        return preference.first { votes[$0] == best } ?? votes.first { $0.value == best }?.key
    }

    /// Starts the next generation: CompletingRebalance with members, Empty without.
    func initNextGeneration(now: Int64) {
        generationId += 1
        if members.isEmpty {
            protocolName = nil
            transition(to: .empty, now: now)
        } else {
            protocolName = selectProtocol()
            transition(to: .completingRebalance, now: now)
        }
        subscribedTopics = computeSubscribedTopics()
        pendingSyncMembers = []
    }

    /// What the leader gets in its JoinGroup answer: every member's metadata for the chosen protocol.
    var currentMemberMetadata: [JoinGroupResponse.JoinGroupResponseMember] {
        guard let protocolName else { return [] }
        return allMembers.map {
            JoinGroupResponse.JoinGroupResponseMember(
                memberId: $0.memberId, groupInstanceId: $0.groupInstanceId,
                metadata: $0.metadata(for: protocolName) ?? ByteBuffer())
        }
    }

    // MARK: Consumer-protocol subscriptions

    var isConsumerGroup: Bool { protocolType == "consumer" }

    /// The union of the members' subscriptions when every member's metadata parses as a consumer subscription.
    func computeSubscribedTopics() -> Set<String>? {
        guard isConsumerGroup, let protocolName, !members.isEmpty else { return nil }
        var topics = Set<String>()
        for member in members.values {
            guard let bytes = member.metadata(for: protocolName),
                let subscription = ConsumerSubscriptionReader.topics(from: bytes)
            else { return nil }
            topics.formUnion(subscription)
        }
        return topics
    }

    func restoreSubscribedTopics() { subscribedTopics = computeSubscribedTopics() }

    func isSubscribed(to topic: String) -> Bool { subscribedTopics?.contains(topic) ?? false }
}
