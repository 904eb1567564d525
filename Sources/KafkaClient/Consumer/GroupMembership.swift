import KafkaProtocol
import Logging
import NIOCore

/// A consumer's membership of its group under the classic protocol: finds the coordinator, joins (with the
/// two-step MEMBER_ID_REQUIRED join), computes the assignment when elected leader, syncs, heartbeats on its own
/// task, commits offsets and leaves. Rebalances use the eager protocol: everything is revoked before rejoining.
actor GroupMembership {
    enum Subscription: Sendable {
        case topics([String])
        /// Every topic whose whole name matches (Java's `Pattern.matcher(topic).matches()`).
        case pattern(String)
    }

    private let cluster: KafkaCluster
    private let config: ConsumerConfig
    private let engine: ConsumerEngine
    private let groupId: String
    private let coordinatorConnection: CoordinatorConnection
    private let logger = Logger(label: "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator")
    private var subscription: Subscription?
    private var coordinator: Int32?
    private var memberId = ""
    private var generation: Int32 = -1
    private var needsJoin = true
    private var assigned: [TopicPartition] = []
    private var heartbeatTask: Task<Void, Never>?
    /// The join (and sync) in progress. A poll woken up while the coordinator holds it leaves it running; the next
    /// poll waits for the same one.
    private var joinTask: Task<Void, any Error>?
    /// Set by `close`: a join still in flight stops at its next step instead of syncing or rejoining.
    private var closed = false
    /// The latest auto-commit: a wakeup may leave it running, and close's own commit must come after it.
    private var pendingAutoCommit: Task<Void, any Error>?
    private var lastCommit = ContinuousClock.now
    private var fatalError: KafkaClientError?

    init(cluster: KafkaCluster, config: ConsumerConfig, engine: ConsumerEngine, groupId: String) {
        self.cluster = cluster
        self.config = config
        self.engine = engine
        self.groupId = groupId
        coordinatorConnection = CoordinatorConnection(cluster: cluster, timeoutMs: config.client.requestTimeoutMs)
    }

    func subscribe(_ subscription: Subscription) {
        self.subscription = subscription
        needsJoin = true
    }

    var currentAssignment: [TopicPartition] { assigned }

    /// Whether the next poll has to rejoin the group first.
    var mustRejoin: Bool { needsJoin && subscription != nil }

    // MARK: - Poll-time work

    /// Called at the start of every poll: rejoins when subscribed and needed (a wakeup ends the wait for the
    /// coordinator), then runs due auto-commits, subscribed or assigned (simple commits, generation -1).
    func ensureActive(deadline: ContinuousClock.Instant, wakeups: WakeupSignal) async throws {
        if let fatalError { throw fatalError }
        if let join = startJoinIfNeeded(deadline: deadline) {
            try await wakeups.wait(for: join)
        }
        if config.enableAutoCommit, ContinuousClock.now - lastCommit >= .milliseconds(config.autoCommitIntervalMs) {
            lastCommit = .now
            let positions = await engine.positions
            let deadline = ContinuousClock.now + .milliseconds(config.client.requestTimeoutMs)
            let autoCommit = Task { try await self.commit(positions, deadline: deadline) }
            pendingAutoCommit = autoCommit
            do {
                try await wakeups.wait(for: autoCommit)
            } catch KafkaClientError.wakeup {
                // A coordinator that does not answer must not keep a stop waiting.
                throw KafkaClientError.wakeup
            } catch {
                // A failed auto-commit is tried again at the next interval (and by close).
            }
        }
    }

    private func startJoinIfNeeded(deadline: ContinuousClock.Instant) -> Task<Void, any Error>? {
        guard subscription != nil, needsJoin, !closed else { return nil }
        if let joinTask { return joinTask }
        let task = Task {
            defer { self.joinTask = nil }
            try await self.rejoin(deadline: deadline)
        }
        joinTask = task
        return task
    }

    private var isCooperative: Bool { PartitionAssignors.isCooperative(config.assignmentStrategies) }

    private func rejoin(deadline: ContinuousClock.Instant) async throws {
        // Eager protocol: give everything back (committing what was consumed) before joining again. The
        // cooperative protocol keeps consuming and revokes only what the new assignment moves.
        if !assigned.isEmpty && !isCooperative {
            if config.enableAutoCommit {
                try? await commit(await engine.positions, deadline: .now + .milliseconds(config.client.requestTimeoutMs))
            }
            assigned = []
            await engine.assign([])
        }
        while needsJoin {
            try checkOpen()
            do {
                try await joinAndSync(deadline: deadline)
            } catch let error as KafkaClientError {
                let code = error.brokerError?.code ?? .unknownServerError
                guard error.isRetriable || Self.rejoinCodes.contains(code) else { throw error }
                if ContinuousClock.now >= deadline { throw error }
                // Java's joinGroupIfNeeded rejoins at once after these; only coordinator trouble waits the backoff.
                if !Self.immediateRejoinCodes.contains(code) {
                    try await Task.sleep(for: .milliseconds(config.client.retryBackoffMs))
                }
            }
        }
    }

    /// A closed member (or a cancelled join) goes no further.
    private func checkOpen() throws {
        if closed || Task.isCancelled { throw KafkaClientError.wakeup }
    }

    private static let immediateRejoinCodes: Set<ErrorCode> = [
        .memberIdRequired, .unknownMemberId, .illegalGeneration, .rebalanceInProgress,
    ]

    private static let rejoinCodes: Set<ErrorCode> = [
        .unknownMemberId, .illegalGeneration, .rebalanceInProgress, .memberIdRequired, .notCoordinator,
        .coordinatorNotAvailable, .coordinatorLoadInProgress,
    ]

    private func joinAndSync(deadline: ContinuousClock.Instant) async throws {
        let coordinator = try await findCoordinator(deadline: deadline)
        let topics = try await subscribedTopics(deadline: deadline)
        var join = JoinGroupRequest()
        join.groupId = groupId
        join.sessionTimeoutMs = config.sessionTimeoutMs
        join.rebalanceTimeoutMs = config.maxPollIntervalMs
        join.memberId = memberId
        join.groupInstanceId = config.groupInstanceId
        join.protocolType = "consumer"
        var subscriptionBytes = ByteBuffer()
        var memberSubscription = ConsumerProtocolSubscription()
        memberSubscription.topics = topics
        memberSubscription.generationId = generation
        memberSubscription.ownedPartitions = Dictionary(grouping: assigned, by: \.topic).sorted { $0.key < $1.key }.map {
            ConsumerProtocolSubscription.TopicPartition(topic: $0.key, partitions: $0.value.map(\.partition))
        }
        memberSubscription.rackId = config.clientRack.isEmpty ? nil : config.clientRack
        subscriptionBytes.writeInteger(Int16(3))
        try memberSubscription.write(into: &subscriptionBytes, version: 3)
        join.protocols = config.assignmentStrategies.filter(PartitionAssignors.supported.contains).map {
            JoinGroupRequest.JoinGroupRequestProtocol(name: $0, metadata: subscriptionBytes)
        }
        // The coordinator holds a join until the rebalance completes: allow it the rebalance timeout.
        let joinTimeout = Int64(config.maxPollIntervalMs) + 5000
        let joined = try await send(join, to: coordinator, timeoutMs: joinTimeout)
        try checkOpen()
        if joined.errorCode == ErrorCode.memberIdRequired.rawValue {
            memberId = joined.memberId
            throw KafkaClientError.broker(KafkaBrokerError(.memberIdRequired))
        }
        if joined.errorCode == ErrorCode.unknownMemberId.rawValue { memberId = "" }
        try check(joined.errorCode)
        memberId = joined.memberId
        generation = joined.generationId
        let protocolName = joined.protocolName ?? ""

        var sync = SyncGroupRequest()
        sync.groupId = groupId
        sync.generationId = generation
        sync.memberId = memberId
        sync.groupInstanceId = config.groupInstanceId
        sync.protocolType = "consumer"
        sync.protocolName = protocolName
        if joined.leader == memberId && !joined.skipAssignment {
            sync.assignments = try await leaderAssignments(joined, protocol: protocolName, deadline: deadline)
        }
        let synced = try await send(sync, to: coordinator, timeoutMs: joinTimeout)
        try checkOpen()
        if synced.errorCode == ErrorCode.unknownMemberId.rawValue { memberId = "" }
        try check(synced.errorCode)
        var assignmentBytes = synced.assignment
        var partitions: [TopicPartition] = []
        if assignmentBytes.readableBytes >= 2 {
            let version = try assignmentBytes.readKafkaInt16()
            let assignment = try ConsumerProtocolAssignment(
                from: &assignmentBytes, version: min(version, ConsumerProtocolAssignment.versions.upperBound))
            partitions = assignment.assignedPartitions.flatMap { topic in
                topic.partitions.map { TopicPartition(topic: topic.topic, partition: $0) }
            }.sorted()
        }
        let previous = Set(assigned)
        let revoked = previous.subtracting(partitions)
        if !revoked.isEmpty && config.enableAutoCommit {
            let positions = await engine.positions.filter { revoked.contains($0.key) }
            try? await commit(positions, deadline: .now + .milliseconds(config.client.requestTimeoutMs))
        }
        let added = partitions.filter { !previous.contains($0) }
        let committed = try await committedOffsets(added, deadline: deadline)
        try checkOpen()
        assigned = partitions
        await engine.assign(partitions, offsets: committed)
        // Cooperative: partitions given up here go to their new owner in a second rebalance, right away.
        needsJoin = isCooperative && !revoked.isEmpty
        logger.info(
            "[Consumer clientId=\(config.client.clientId), groupId=\(groupId)] Adding newly assigned partitions: \(added.map(\.description).joined(separator: ", "))")
        startHeartbeats(coordinator: coordinator)
    }

    private func leaderAssignments(_ joined: JoinGroupResponse, protocol name: String, deadline: ContinuousClock.Instant)
        async throws -> [SyncGroupRequest.SyncGroupRequestAssignment]
    {
        var members: [MemberSubscription] = []
        var generations: [String: Int32] = [:]
        for member in joined.members {
            var bytes = member.metadata
            let version = try bytes.readKafkaInt16()
            let decoded = try ConsumerProtocolSubscription(
                from: &bytes, version: min(version, ConsumerProtocolSubscription.versions.upperBound))
            members.append(
                MemberSubscription(
                    memberId: member.memberId, groupInstanceId: member.groupInstanceId, topics: decoded.topics,
                    ownedPartitions: decoded.ownedPartitions.flatMap { topic in
                        topic.partitions.map { TopicPartition(topic: topic.topic, partition: $0) }
                    }))
            generations[member.memberId] = decoded.generationId
        }
        let topics = Array(Set(members.flatMap(\.topics))).sorted()
        let metadata = try await cluster.refreshMetadata(
            topics: topics, deadline: deadline, via: try? await coordinatorLink())
        let counts = metadata.topics.compactMapValues { $0.partitions.isEmpty ? nil : Int32($0.partitions.count) }
        let plan = PartitionAssignors.assign(
            strategy: name, members: members, generations: generations, partitionCounts: counts)
        return try members.map { member in
            var assignment = ConsumerProtocolAssignment()
            let owned = plan[member.memberId] ?? []
            assignment.assignedPartitions = Dictionary(grouping: owned, by: \.topic).sorted { $0.key < $1.key }.map {
                ConsumerProtocolAssignment.TopicPartition(topic: $0.key, partitions: $0.value.map(\.partition).sorted())
            }
            var bytes = ByteBuffer()
            bytes.writeInteger(Int16(3))
            try assignment.write(into: &bytes, version: 3)
            return SyncGroupRequest.SyncGroupRequestAssignment(memberId: member.memberId, assignment: bytes)
        }
    }

    private func subscribedTopics(deadline: ContinuousClock.Instant) async throws -> [String] {
        switch subscription {
        case .topics(let topics)?:
            return topics.sorted()
        case .pattern(let pattern)?:
            let regex = try Regex(pattern)
            let metadata = try await cluster.refreshMetadata(
                topics: nil, deadline: deadline, via: try? await coordinatorLink())
            return metadata.topics.values.filter { !$0.isInternal && (try? regex.wholeMatch(in: $0.name)) != nil }
                .map(\.name).sorted()
        case nil:
            return []
        }
    }

    // MARK: - Coordinator

    private func findCoordinator(deadline: ContinuousClock.Instant) async throws -> Int32 {
        if let coordinator { return coordinator }
        let node = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
        coordinator = node
        return node
    }

    private func send<Request: KafkaRequest>(_ request: Request, to node: Int32, timeoutMs: Int64) async throws
        -> Request.Response
    {
        try await send(to: node, timeoutMs: timeoutMs) { _ in request }
    }

    /// Sends the request `build` makes for the negotiated version (for fields that moved between versions), on
    /// `separate` when given, else on the coordinator connection.
    private func send<Request: KafkaRequest>(
        to node: Int32, on separate: BrokerConnection? = nil, timeoutMs: Int64, _ build: (Int16) -> Request
    ) async throws -> Request.Response {
        do {
            let connection: BrokerConnection
            if let separate {
                connection = separate
            } else {
                connection = try await coordinatorConnection.connection(to: node)
            }
            let version = try connection.negotiatedVersion(Request.self, maxVersion: Self.maxVersion(Request.apiKey))
            return try await connection.send(build(version), version: version, timeoutMs: timeoutMs)
        } catch let error as KafkaClientError {
            if error.isRetriable {
                coordinator = nil
                if separate == nil { await coordinatorConnection.drop() }
            }
            throw error
        }
    }

    /// The coordinator connection, for the Metadata a rebalance needs (the pooled connection may have a Fetch
    /// long-polling in front); nil when the coordinator is not known yet.
    private func coordinatorLink() async throws -> BrokerConnection? {
        guard let coordinator else { return nil }
        return try await coordinatorConnection.connection(to: coordinator)
    }

    /// Closes the coordinator connection (`close` ends with it, whether or not its requests got through).
    func closeConnections() async {
        await coordinatorConnection.close()
    }

    /// OffsetCommit and OffsetFetch v10 name topics by id; v9 is the newest that names them.
    private static func maxVersion(_ api: ApiKey) -> Int16? {
        api == .offsetCommit || api == .offsetFetch ? 9 : nil
    }

    private func check(_ code: Int16) throws {
        guard let error = KafkaBrokerError.check(code) else { return }
        switch error.code {
        case .notCoordinator?, .coordinatorNotAvailable?:
            coordinator = nil
        case .unknownMemberId?, .illegalGeneration?, .rebalanceInProgress?:
            needsJoin = true
        case .fencedInstanceId?:
            fatalError = .broker(error)
        default:
            break
        }
        throw KafkaClientError.broker(error)
    }

    // MARK: - Heartbeats

    private func startHeartbeats(coordinator: Int32) {
        heartbeatTask?.cancel()
        let interval = Duration.milliseconds(config.heartbeatIntervalMs)
        let generation = self.generation
        heartbeatTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                guard await self.heartbeat(coordinator: coordinator, generation: generation) else { return }
            }
        }
    }

    /// One heartbeat; false once this generation's heartbeats should stop. During a rebalance the heartbeats go on
    /// (they keep the session alive until the member has rejoined), and a waiting poll is woken so that it rejoins
    /// at once instead of at the end of its timeout.
    private func heartbeat(coordinator: Int32, generation: Int32) async -> Bool {
        guard generation == self.generation else { return false }
        var request = HeartbeatRequest()
        request.groupId = groupId
        request.generationId = generation
        request.memberId = memberId
        request.groupInstanceId = config.groupInstanceId
        let code: ErrorCode
        do {
            let response = try await send(request, to: coordinator, timeoutMs: config.client.requestTimeoutMs)
            code = ErrorCode(rawValue: response.errorCode) ?? .unknownServerError
        } catch {
            // A lost connection or a timeout: try again next interval (the session outlives a few misses).
            return true
        }
        switch code {
        case .noError:
            return true
        case .rebalanceInProgress:
            if !needsJoin {
                needsJoin = true
                await engine.interruptPoll()
            }
            return true
        case .unknownMemberId, .illegalGeneration, .fencedInstanceId, .notCoordinator, .coordinatorNotAvailable:
            if code == .unknownMemberId { memberId = "" }
            if code == .notCoordinator || code == .coordinatorNotAvailable { self.coordinator = nil }
            if code == .fencedInstanceId { fatalError = .broker(KafkaBrokerError(code)) }
            needsJoin = true
            await engine.interruptPoll()
            return false
        default:
            return true
        }
    }

    // MARK: - Offsets

    /// Commits `offsets` for the current generation (or as a simple, groupless commit when not a member).
    func commit(_ offsets: [TopicPartition: Int64], deadline: ContinuousClock.Instant) async throws {
        guard !offsets.isEmpty else { return }
        let coordinator = try await findCoordinator(deadline: deadline)
        var request = OffsetCommitRequest()
        request.groupId = groupId
        request.generationIdOrMemberEpoch = subscription == nil ? -1 : generation
        request.memberId = subscription == nil ? "" : memberId
        request.groupInstanceId = subscription == nil ? nil : config.groupInstanceId
        request.topics = Dictionary(grouping: offsets, by: \.key.topic).sorted { $0.key < $1.key }.map { topic, entries in
            OffsetCommitRequest.OffsetCommitRequestTopic(
                name: topic,
                partitions: entries.sorted { $0.key.partition < $1.key.partition }.map {
                    OffsetCommitRequest.OffsetCommitRequestPartition(
                        partitionIndex: $0.key.partition, committedOffset: $0.value, committedMetadata: "")
                })
        }
        let response = try await send(request, to: coordinator, timeoutMs: config.client.requestTimeoutMs)
        for topic in response.topics {
            for partition in topic.partitions where partition.errorCode != 0 {
                try check(partition.errorCode)
            }
        }
    }

    /// The group's committed offsets for `partitions` (-1 where none).
    func committedOffsets(_ partitions: [TopicPartition], deadline: ContinuousClock.Instant) async throws
        -> [TopicPartition: Int64]
    {
        guard !partitions.isEmpty else { return [:] }
        let coordinator = try await findCoordinator(deadline: deadline)
        let byTopic = Dictionary(grouping: partitions, by: \.topic).sorted { $0.key < $1.key }
        let groupId = self.groupId
        let response = try await send(to: coordinator, timeoutMs: config.client.requestTimeoutMs) { version in
            var request = OffsetFetchRequest()
            // v8 moved the group and its topics into a batch of groups.
            if version >= 8 {
                request.groups = [
                    OffsetFetchRequest.OffsetFetchRequestGroup(
                        groupId: groupId,
                        topics: byTopic.map {
                            OffsetFetchRequest.OffsetFetchRequestTopics(
                                name: $0.key, partitionIndexes: $0.value.map(\.partition))
                        })
                ]
            } else {
                request.groupId = groupId
                request.topics = byTopic.map {
                    OffsetFetchRequest.OffsetFetchRequestTopic(name: $0.key, partitionIndexes: $0.value.map(\.partition))
                }
            }
            return request
        }
        var result: [TopicPartition: Int64] = [:]
        if let group = response.groups.first {
            try check(group.errorCode)
            for topic in group.topics {
                for partition in topic.partitions {
                    try check(partition.errorCode)
                    result[TopicPartition(topic: topic.name, partition: partition.partitionIndex)] =
                        partition.committedOffset
                }
            }
        } else {
            try check(response.errorCode)
            for topic in response.topics {
                for partition in topic.partitions {
                    try check(partition.errorCode)
                    result[TopicPartition(topic: topic.name, partition: partition.partitionIndex)] =
                        partition.committedOffset
                }
            }
        }
        return result
    }

    // MARK: - Leaving

    /// `close`: stops the join in progress and the heartbeats, commits `offsets` (auto-commit's last commit) and
    /// leaves the group, each request bounded by `deadline`.
    func close(committing offsets: [TopicPartition: Int64], deadline: ContinuousClock.Instant) async {
        closed = true
        let joinInFlight = joinTask != nil
        joinTask?.cancel()
        joinTask = nil
        _ = try? await pendingAutoCommit?.value
        if !offsets.isEmpty { try? await commit(offsets, deadline: deadline) }
        await leave(deadline: deadline, joinInFlight: joinInFlight)
    }

    /// Stops heartbeats and leaves the group (a static member stays, as Java's consumer does on close). A member
    /// whose join the coordinator still holds leaves too (its id came with MEMBER_ID_REQUIRED), on a connection of
    /// its own: on the pooled one the LeaveGroup would wait behind the held JoinGroup.
    func leave(deadline: ContinuousClock.Instant, joinInFlight: Bool = false) async {
        heartbeatTask?.cancel()
        heartbeatTask = nil
        guard let coordinator, !memberId.isEmpty, config.groupInstanceId == nil else { return }
        let (groupId, leavingMember) = (self.groupId, self.memberId)
        let timeoutMs = min(config.client.requestTimeoutMs, KafkaCluster.milliseconds(until: deadline))
        let separate = joinInFlight ? try? await cluster.separateConnection(toNode: coordinator, deadline: deadline) : nil
        defer { separate?.close() }
        _ = try? await send(to: coordinator, on: separate, timeoutMs: timeoutMs) { version in
            var request = LeaveGroupRequest()
            request.groupId = groupId
            // v3 replaced the single member id with a batch of members.
            if version >= 3 {
                request.members = [
                    LeaveGroupRequest.MemberIdentity(memberId: leavingMember, reason: "the consumer is being closed")
                ]
            } else {
                request.memberId = leavingMember
            }
            return request
        }
        memberId = ""
        generation = -1
        needsJoin = true
    }
}
