import KafkaProtocol
import NIOCore
import NIOPosix

/// The client's view of a cluster: one pipelined connection per broker, opened on demand, and the latest
/// metadata. Admin, producer and consumer all send through it.
public actor KafkaCluster {
    /// Where a request should go.
    public enum Target: Sendable, Hashable {
        /// Any broker (an open connection if there is one).
        case any
        /// A given broker id.
        case node(Int32)
        /// The controller the metadata names (in KRaft any broker, which forwards).
        case controller
    }

    public nonisolated let config: ClientConfig
    private let group: any EventLoopGroup
    private var connections: [BrokerAddress: BrokerConnection] = [:]
    private var connecting: [BrokerAddress: Task<BrokerConnection, any Error>] = [:]
    public private(set) var metadata: ClusterMetadata?
    private var metadataFetchedAt: ContinuousClock.Instant?
    private var isClosed = false

    public init(config: ClientConfig, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.config = config
        self.group = group
    }

    /// The deadline of a call that starts now and may take `default.api.timeout.ms`.
    public nonisolated func defaultDeadline() -> ContinuousClock.Instant {
        .now + .milliseconds(config.defaultApiTimeoutMs)
    }

    // MARK: - Sending

    /// Sends `request` to `target` and returns the decoded response. Lost connections and request timeouts are
    /// retried after `retry.backoff.ms` until `deadline`; error codes inside the response are the caller's.
    public func send<Request: KafkaRequest>(
        _ request: Request, to target: Target = .any, maxVersion: Int16? = nil,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> Request.Response {
        let deadline = deadline ?? defaultDeadline()
        return try await withRetries(deadline: deadline) {
            let connection = try await self.connection(for: target, deadline: deadline)
            let version = try connection.negotiatedVersion(Request.self, maxVersion: maxVersion)
            return try await self.send(request, version: version, on: connection, deadline: deadline)
        }
    }

    /// Sends at an explicit version on a given connection, bounded by `request.timeout.ms` and the deadline;
    /// a connection that fails is dropped from the pool.
    public func send<Request: KafkaRequest>(
        _ request: Request, version: Int16, on connection: BrokerConnection, deadline: ContinuousClock.Instant
    ) async throws -> Request.Response {
        do {
            return try await connection.send(request, version: version, timeoutMs: requestTimeout(until: deadline))
        } catch let error as KafkaClientError {
            if case .connectionFailed = error { forget(connection) }
            throw error
        }
    }

    /// Runs `operation` again after `retry.backoff.ms` while it fails with a retriable error and time remains.
    public func withRetries<Result: Sendable>(
        deadline: ContinuousClock.Instant, _ operation: () async throws -> Result
    ) async throws -> Result {
        while true {
            do {
                return try await operation()
            } catch let error as KafkaClientError where error.isRetriable {
                let backoff = Duration.milliseconds(config.retryBackoffMs)
                if ContinuousClock.now + backoff >= deadline { throw error }
                try await Task.sleep(for: backoff)
            }
        }
    }

    // MARK: - Connections

    /// A live connection for `target`, opening one if needed.
    public func connection(for target: Target, deadline: ContinuousClock.Instant) async throws -> BrokerConnection {
        switch target {
        case .any:
            return try await anyConnection(deadline: deadline)
        case .node(let id):
            return try await connection(toNode: id, deadline: deadline)
        case .controller:
            let current = try await currentMetadata(deadline: deadline)
            if current.controllerId >= 0, current.brokers[current.controllerId] != nil {
                return try await connection(toNode: current.controllerId, deadline: deadline)
            }
            return try await anyConnection(deadline: deadline)
        }
    }

    /// A connection to broker `id`, looked up in the metadata (refreshed once if the id is unknown).
    public func connection(toNode id: Int32, deadline: ContinuousClock.Instant) async throws -> BrokerConnection {
        var current = try await currentMetadata(deadline: deadline)
        if current.brokers[id] == nil {
            current = try await refreshMetadata(topics: [], deadline: deadline)
        }
        guard let address = current.address(of: id) else {
            throw KafkaClientError.broker(
                KafkaBrokerError(.brokerNotAvailable, message: "Broker \(id) is not in the cluster metadata"))
        }
        return try await connection(to: address, deadline: deadline)
    }

    /// An open connection if there is one; otherwise the known brokers, then the bootstrap servers, in order,
    /// until one answers. Keeps trying until `deadline`, then names the addresses and the last failure.
    public func anyConnection(deadline: ContinuousClock.Instant) async throws -> BrokerConnection {
        if let open = connections.values.first(where: { $0.isActive }) { return open }
        var lastFailure: String?
        while true {
            for address in candidateAddresses() {
                do {
                    return try await connection(to: address, deadline: deadline)
                } catch let error as KafkaClientError {
                    guard case .connectionFailed(_, let reason) = error else { throw error }
                    // An attempt the overall deadline cut short ("Connect timeout (1 ms)") says less than the
                    // reason an earlier attempt ended with (refused, unresolvable host).
                    if lastFailure == nil || ContinuousClock.now < deadline { lastFailure = reason }
                }
                if ContinuousClock.now >= deadline { break }
            }
            let backoff = Duration.milliseconds(config.retryBackoffMs)
            if ContinuousClock.now + backoff >= deadline {
                throw KafkaClientError.bootstrapUnreachable(
                    servers: config.bootstrapServers.map(\.description),
                    reason: lastFailure ?? "no connection attempt finished")
            }
            try await Task.sleep(for: backoff)
        }
    }

    private func candidateAddresses() -> [BrokerAddress] {
        var seen = Set<BrokerAddress>()
        var result: [BrokerAddress] = []
        let known = (metadata?.brokers.values.sorted { $0.id < $1.id } ?? []).map {
            BrokerAddress(host: $0.host, port: Int($0.port))
        }
        for address in known + config.bootstrapServers where seen.insert(address).inserted {
            result.append(address)
        }
        return result
    }

    /// The pooled connection to `address`, opening it if needed; concurrent callers share one attempt. A new
    /// attempt gives up at `deadline` at the latest.
    public func connection(to address: BrokerAddress, deadline: ContinuousClock.Instant? = nil) async throws
        -> BrokerConnection
    {
        if isClosed { throw KafkaClientError.closed }
        if let existing = connections[address] {
            if existing.isActive { return existing }
            connections[address] = nil
        }
        if let attempt = connecting[address] { return try await attempt.value }
        let config = self.config
        let group = self.group
        let timeoutMs = deadline.map { Self.milliseconds(until: $0) }
        let attempt = Task {
            try await BrokerConnection.connect(to: address, config: config, timeoutMs: timeoutMs, group: group)
        }
        connecting[address] = attempt
        defer { connecting[address] = nil }
        let connection = try await attempt.value
        if isClosed {
            connection.close()
            throw KafkaClientError.closed
        }
        connections[address] = connection
        return connection
    }

    /// A connection of its own to broker `id`, outside the pool; the caller closes it. For a request that must not
    /// queue behind one the broker is holding on the pooled connection (a broker answers each connection's
    /// requests in order): a LeaveGroup while the coordinator holds this member's JoinGroup.
    public func separateConnection(toNode id: Int32, deadline: ContinuousClock.Instant) async throws
        -> BrokerConnection
    {
        if isClosed { throw KafkaClientError.closed }
        guard let address = try await currentMetadata(deadline: deadline).address(of: id) else {
            throw KafkaClientError.broker(
                KafkaBrokerError(.brokerNotAvailable, message: "Broker \(id) is not in the cluster metadata"))
        }
        return try await BrokerConnection.connect(
            to: address, config: config, timeoutMs: Self.milliseconds(until: deadline), group: group)
    }

    private func forget(_ connection: BrokerConnection) {
        if connections[connection.address] === connection { connections[connection.address] = nil }
        connection.close()
    }

    // MARK: - Metadata

    /// The cached metadata if it is younger than `metadata.max.age.ms`, otherwise fresh metadata (no topics).
    public func currentMetadata(deadline: ContinuousClock.Instant) async throws -> ClusterMetadata {
        if let metadata, let fetchedAt = metadataFetchedAt,
            ContinuousClock.now - fetchedAt < .milliseconds(config.metadataMaxAgeMs)
        {
            return metadata
        }
        return try await refreshMetadata(topics: [], deadline: deadline)
    }

    /// Asks any broker (or the one `via` connects to) for metadata: all topics when `topics` is nil, none when
    /// empty. Brokers and controller replace the cached ones; the topics answered are merged into the cache.
    @discardableResult
    public func refreshMetadata(
        topics: [String]?, allowAutoTopicCreation: Bool = false, deadline: ContinuousClock.Instant,
        via: BrokerConnection? = nil
    ) async throws -> ClusterMetadata {
        let response = try await withRetries(deadline: deadline) {
            let connection: BrokerConnection
            if let via, via.isActive { connection = via } else { connection = try await self.anyConnection(deadline: deadline) }
            let version = try connection.negotiatedVersion(MetadataRequest.self)
            var request = MetadataRequest()
            request.allowAutoTopicCreation = allowAutoTopicCreation
            if let topics {
                request.topics = topics.map { MetadataRequest.MetadataRequestTopic(name: $0) }
            } else {
                // v0 has no null list: an empty one means every topic.
                request.topics = version == 0 ? [] : nil
            }
            return try await self.send(request, version: version, on: connection, deadline: deadline)
        }
        if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
        var fresh = ClusterMetadata(response)
        if let previous = metadata {
            fresh.topics = previous.topics.merging(fresh.topics) { _, new in new }
            if topics == nil {
                // A full listing also tells us which topics are gone.
                fresh.topics = fresh.topics.filter { name, _ in response.topics.contains { $0.name == name } }
            }
        }
        metadata = fresh
        metadataFetchedAt = .now
        return fresh
    }

    /// Forgets one topic's cached partitions (after NOT_LEADER_OR_FOLLOWER and the like).
    public func invalidate(topic: String) {
        metadata?.topics[topic] = nil
    }

    // MARK: - Lifecycle

    /// Closes every connection; calls in flight fail with `.closed` or a connection error.
    public func close() {
        isClosed = true
        for connection in connections.values { connection.close() }
        connections.removeAll()
        for attempt in connecting.values { attempt.cancel() }
    }

    private func requestTimeout(until deadline: ContinuousClock.Instant) -> Int64 {
        min(config.requestTimeoutMs, Self.milliseconds(until: deadline))
    }

    /// Milliseconds left until `deadline`, at least 1.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int64 {
        let remaining = deadline - ContinuousClock.now
        return max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
    }
}
