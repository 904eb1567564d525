import KafkaProtocol
import NIOCore

/// One protocol a member offers in JoinGroup: its name (an assignor for consumers) and opaque metadata.
struct MemberProtocol: Sendable, Hashable {
    var name: String
    var metadata: ByteBuffer
}

/// What a JoinGroup waiter is answered with.
struct JoinGroupOutcome: Sendable {
    var error: ErrorCode
    var memberId: String
    var generationId: Int32 = -1
    var protocolType: String? = nil
    var protocolName: String? = nil
    var leaderId: String = ""
    var skipAssignment = false
    /// Filled for the leader only: every member with its metadata for the chosen protocol.
    var members: [JoinGroupResponse.JoinGroupResponseMember] = []

    static func failure(_ error: ErrorCode, memberId: String) -> JoinGroupOutcome {
        JoinGroupOutcome(error: error, memberId: memberId)
    }
}

/// What a SyncGroup waiter is answered with.
struct SyncGroupOutcome: Sendable {
    var error: ErrorCode
    var protocolType: String? = nil
    var protocolName: String? = nil
    var assignment = ByteBuffer()
}

typealias JoinCallback = @Sendable (JoinGroupOutcome) -> Void
typealias SyncCallback = @Sendable (SyncGroupOutcome) -> Void

/// A member of a classic group, as the coordinator tracks it between requests.
struct GroupMember: Sendable {
    var memberId: String
    var groupInstanceId: String?
    var clientId: String
    var clientHost: String
    var rebalanceTimeoutMs: Int32
    var sessionTimeoutMs: Int32
    var protocolType: String
    /// In the member's order of preference.
    var protocols: [MemberProtocol]
    /// The leader's assignment for this member in the current generation (empty until SyncGroup).
    var assignment = ByteBuffer()
    /// Set while a JoinGroup of this member waits for the join phase to end.
    var awaitingJoin: JoinCallback?
    /// Set while a SyncGroup of this member waits for the leader's assignment.
    var awaitingSync: SyncCallback?
    /// Joined in the current rebalance and not yet answered: expires after the new-member timeout instead of the
    /// session timeout, since it has no member id to heartbeat with.
    var isNew = false
    /// When the member is considered gone unless it heartbeats (or is waiting in a rebalance).
    var heartbeatDeadline: ContinuousClock.Instant

    var isStatic: Bool { groupInstanceId != nil }
    var isAwaitingJoin: Bool { awaitingJoin != nil }
    var isAwaitingSync: Bool { awaitingSync != nil }

    func metadata(for protocolName: String) -> ByteBuffer? {
        protocols.first { $0.name == protocolName }?.metadata
    }

    /// The member's most preferred protocol among `candidates`.
    func vote(among candidates: Set<String>) -> String? {
        protocols.first { candidates.contains($0.name) }?.name
    }

    /// Same protocols, same order, same metadata: a rejoin that changes nothing.
    func matches(_ other: [MemberProtocol]) -> Bool {
        protocols == other
    }
}
