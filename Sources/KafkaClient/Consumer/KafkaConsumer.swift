/// Kafka's consumer: `subscribe` (topics or a pattern) with group membership, or `assign` + `seek` without a
/// group; `poll` returns fetched records while the next fetch is already under way.
public final class KafkaConsumer: Sendable {
    public let config: ConsumerConfig
    let cluster: KafkaCluster
    private let engine: ConsumerEngine
    private let membership: GroupMembership?
    private let wakeups: WakeupSignal

    /// What `close()` allows for the last commit and the LeaveGroup (Java's `close()`: 30 s).
    public static let defaultCloseTimeout = Duration.seconds(30)

    public init(config: ConsumerConfig) {
        let cluster = KafkaCluster(config: config.client)
        let wakeups = WakeupSignal()
        let engine = ConsumerEngine(cluster: cluster, config: config, wakeups: wakeups)
        self.wakeups = wakeups
        self.config = config
        self.cluster = cluster
        self.engine = engine
        membership = config.groupId.map {
            GroupMembership(cluster: cluster, config: config, engine: engine, groupId: $0)
        }
    }

    public convenience init(properties: [String: String]) throws {
        self.init(config: try ConsumerConfig(properties: properties))
    }

    /// Joins the group for these topics; the assignment arrives during `poll`.
    public func subscribe(topics: [String]) async throws {
        try await requireGroup().subscribe(.topics(topics))
    }

    /// Joins the group for every topic whose whole name matches `pattern`.
    public func subscribe(pattern: String) async throws {
        _ = try Regex(pattern)
        try await requireGroup().subscribe(.pattern(pattern))
    }

    /// Consumes these partitions without group membership.
    public func assign(_ partitions: [TopicPartition]) async {
        await engine.assign(partitions)
    }

    public func assignment() async -> [TopicPartition] {
        await engine.assignment
    }

    public func seek(_ partition: TopicPartition, to offset: Int64) async {
        await engine.seek(partition, to: offset)
    }

    public func seekToBeginning(_ partitions: [TopicPartition]) async {
        await engine.seekToBeginning(partitions)
    }

    public func seekToEnd(_ partitions: [TopicPartition]) async {
        await engine.seekToEnd(partitions)
    }

    /// The offset of the next record `poll` will return for `partition`.
    public func position(_ partition: TopicPartition) async throws -> Int64? {
        try await engine.position(of: partition, deadline: cluster.defaultDeadline())
    }

    /// The high watermark seen in the latest fetch of `partition`.
    public func highWatermark(_ partition: TopicPartition) async -> Int64? {
        await engine.highWatermark(of: partition)
    }

    /// Records fetched so far (up to `max.poll.records`), waiting up to `timeout` when there are none. Joins or
    /// rejoins the group and runs due auto-commits first. Throws `.wakeup` when `wakeup()` interrupts it.
    public func poll(timeout: Duration) async throws -> [ConsumerRecord] {
        guard let membership else { return try await engine.poll(timeout: timeout) }
        while true {
            try await membership.ensureActive(
                deadline: .now + max(timeout, .milliseconds(config.client.defaultApiTimeoutMs)), wakeups: wakeups)
            let records = try await engine.poll(timeout: timeout)
            // Empty because the group asked for a rejoin (not because the time was up): rejoin and wait on.
            if !records.isEmpty { return records }
            if await !membership.mustRejoin { return records }
        }
    }

    /// Commits the positions of every assigned partition (what has been returned by `poll`).
    public func commitSync() async throws {
        try await commit(await engine.positions)
    }

    /// Commits explicit offsets (the offset of the next record to read, as Kafka stores them).
    public func commit(_ offsets: [TopicPartition: Int64]) async throws {
        try await requireGroup().commit(offsets, deadline: cluster.defaultDeadline())
    }

    /// Commits in the background; failures go to `completion`.
    public func commitAsync(completion: (@Sendable (KafkaClientError?) -> Void)? = nil) {
        Task {
            do {
                try await self.commitSync()
                completion?(nil)
            } catch {
                completion?(error as? KafkaClientError ?? .protocolViolation("\(error)"))
            }
        }
    }

    /// The group's committed offsets for `partitions` (-1 where none).
    public func committed(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        try await requireGroup().committedOffsets(partitions, deadline: cluster.defaultDeadline())
    }

    /// Makes a blocked (or the next) `poll` throw `KafkaClientError.wakeup`, whether it waits for records or for a
    /// group join or sync the coordinator is holding; safe from any task or signal handler task.
    public func wakeup() {
        wakeups.interrupt()
        Task { await engine.wakeup() }
    }

    /// `close(timeout: 30 s)`, as Java's `close()`.
    public func close() async {
        await close(timeout: Self.defaultCloseTimeout)
    }

    /// Commits (with auto-commit on) and leaves the group within `timeout`, then closes the connections. Past the
    /// timeout it gives up quietly (Java's `close(Duration)`): the coordinator then drops the member at the end of
    /// its session.
    public func close(timeout: Duration) async {
        if let membership {
            let deadline = ContinuousClock.now + timeout
            let positions = config.enableAutoCommit ? await engine.positions : [:]
            _ = await TimeBound.run(until: deadline) {
                await membership.close(committing: positions, deadline: deadline)
            }
            await membership.closeConnections()
        }
        await cluster.close()
    }

    private func requireGroup() throws -> GroupMembership {
        guard let membership else {
            throw KafkaClientError.invalidConfiguration(
                "To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.")
        }
        return membership
    }
}
