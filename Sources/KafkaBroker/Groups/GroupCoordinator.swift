import KafkaProtocol
import KafkaStorage
import Logging

/// Kafka's classic-protocol group coordinator for this single node: every group's membership state machine and
/// committed offsets, persisted to `__consumer_offsets`. One actor owns all groups; the waits of JoinGroup and
/// SyncGroup are continuations stored on the members and resumed when the rebalance moves on, and the delayed
/// operations of Kafka's purgatories (join phase, heartbeats, pending members, pending syncs) are timers.
public actor GroupCoordinator {
    public nonisolated let config: BrokerConfig
    let store: OffsetsTopicStore
    let logger = Logger(label: "kafka.coordinator.group.GroupCoordinator")
    var groups: [String: ClassicGroup] = [:]
    /// Partitions of `__consumer_offsets` that groups hash onto; fixed at start-up (the topic's, else the config's).
    var offsetsPartitionCount: Int32
    var active = false
    var timers: [GroupTimerKey: ScheduledTimer] = [:]
    var nextTimerToken: UInt64 = 0
    var cleanupTask: Task<Void, Never>?

    /// Kafka's timeout for a JoinGroup of a new member that is still waiting (it cannot heartbeat yet).
    static let newMemberJoinTimeoutMs: Int64 = 300_000

    public init(config: BrokerConfig, topicManager: TopicManager) {
        self.config = config
        self.store = OffsetsTopicStore(topicManager: topicManager, config: config)
        self.offsetsPartitionCount = config.offsetsTopicNumPartitions
    }

    // MARK: Lifecycle

    /// Replays `__consumer_offsets` (when it exists) and starts the offset-expiry task.
    public func startup() async {
        info("Starting up.")
        offsetsPartitionCount = await store.partitionCount()
        await loadGroupsAndOffsets()
        active = true
        scheduleLoadedMembers()
        startCleanupTask()
        info("Startup complete.")
    }

    /// Answers every waiting JoinGroup/SyncGroup with NOT_COORDINATOR (the clients look for the coordinator again)
    /// and stops the timers; afterwards every request gets COORDINATOR_NOT_AVAILABLE.
    public func shutdown() async {
        guard active else { return }
        info("Shutting down.")
        active = false
        for timer in timers.values { timer.task.cancel() }
        timers.removeAll()
        let cleanup = cleanupTask
        cleanupTask = nil
        cleanup?.cancel()
        await cleanup?.value
        for group in groups.values {
            for member in group.allMembers {
                maybeInvokeJoin(group, member.memberId, .failure(.notCoordinator, memberId: member.memberId))
                maybeInvokeSync(group, member.memberId, SyncGroupOutcome(error: .notCoordinator))
            }
        }
        info("Shutdown complete.")
    }

    // MARK: Shared helpers

    func info(_ message: String) { logger.info("[GroupCoordinator \(config.nodeId)]: \(message)") }
    func warn(_ message: String) { logger.warning("[GroupCoordinator \(config.nodeId)]: \(message)") }
    func error(_ message: String) { logger.error("[GroupCoordinator \(config.nodeId)]: \(message)") }
    func debug(_ message: String) { logger.debug("[GroupCoordinator \(config.nodeId)]: \(message)") }

    public func partitionFor(_ groupId: String) -> Int32 {
        OffsetsTopicPartitioner.partition(for: groupId, partitionCount: offsetsPartitionCount)
    }

    /// `__consumer_offsets-N` as Kafka's log lines name a group's partition.
    func offsetsPartitionName(_ groupId: String) -> String { "\(InternalTopics.consumerOffsets)-\(partitionFor(groupId))" }

    /// Kafka's checks before any group operation: the coordinator is up, and the group id is usable (membership
    /// APIs need a non-empty one; offset and admin APIs accept an empty id).
    func validateGroupStatus(_ groupId: String, membership: Bool) -> ErrorCode? {
        guard active else { return .coordinatorNotAvailable }
        if membership && groupId.isEmpty { return .invalidGroupId }
        return nil
    }

    /// Creates `__consumer_offsets` when missing (FindCoordinator does this on first use, as Kafka does).
    func ensureOffsetsTopic() async -> Bool {
        await store.ensureTopic()
    }

    var now: Int64 { currentTimeMillis() }

    /// Answers a member's waiting JoinGroup, if it has one.
    func maybeInvokeJoin(_ group: ClassicGroup, _ memberId: String, _ outcome: JoinGroupOutcome) {
        guard let callback = group.member(memberId)?.awaitingJoin else { return }
        group.update(memberId) { $0.awaitingJoin = nil }
        callback(outcome)
    }

    /// Answers a member's waiting SyncGroup, if it has one.
    func maybeInvokeSync(_ group: ClassicGroup, _ memberId: String, _ outcome: SyncGroupOutcome) {
        guard let callback = group.member(memberId)?.awaitingSync else { return }
        group.update(memberId) { $0.awaitingSync = nil }
        callback(outcome)
    }

    /// Drops a group that became Dead from the coordinator.
    func removeDeadGroup(_ group: ClassicGroup) {
        if groups[group.groupId] === group { groups[group.groupId] = nil }
        cancelTimer(.join(group.groupId))
        cancelTimer(.pendingSync(group.groupId))
    }

    /// Kafka's mapping of append errors for group operations.
    static func coordinatorError(fromAppend code: ErrorCode, commit: Bool) -> ErrorCode {
        switch code {
        case .unknownTopicOrPartition, .notEnoughReplicas, .notEnoughReplicasAfterAppend, .requestTimedOut:
            return .coordinatorNotAvailable
        case .notLeaderOrFollower, .kafkaStorageError:
            return .notCoordinator
        case .messageTooLarge, .recordListTooLarge, .invalidFetchSize:
            return commit ? .invalidCommitOffsetSize : .unknownServerError
        default:
            return code
        }
    }
}
