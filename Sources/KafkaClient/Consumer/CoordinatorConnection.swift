/// The consumer's own connection to its group coordinator, apart from the pooled one its fetches use (Java's
/// consumer opens one too, under a node id of its own): a broker answers each connection's requests in order, so a
/// Heartbeat or JoinGroup queued behind a long-polling Fetch would wait up to `fetch.max.wait.ms`, and every
/// rebalance with it.
actor CoordinatorConnection {
    private let cluster: KafkaCluster
    private let timeoutMs: Int64
    private var current: (node: Int32, connection: BrokerConnection)?
    private var opening: (node: Int32, task: Task<BrokerConnection, any Error>)?
    private var closed = false

    init(cluster: KafkaCluster, timeoutMs: Int64) {
        self.cluster = cluster
        self.timeoutMs = timeoutMs
    }

    /// The open connection to `node`, opening it (once, for concurrent callers) when there is none.
    func connection(to node: Int32) async throws -> BrokerConnection {
        if closed { throw KafkaClientError.closed }
        if let current, current.node == node, current.connection.isActive { return current.connection }
        if let opening, opening.node == node { return try await opening.task.value }
        let (cluster, deadline) = (self.cluster, ContinuousClock.now + .milliseconds(timeoutMs))
        let task = Task { try await cluster.separateConnection(toNode: node, deadline: deadline) }
        opening = (node, task)
        do {
            let connection = try await task.value
            if opening?.node == node { opening = nil }
            if closed {
                connection.close()
                throw KafkaClientError.closed
            }
            current?.connection.close()
            current = (node, connection)
            return connection
        } catch {
            if opening?.node == node { opening = nil }
            throw error
        }
    }

    /// Closes the connection after a failure on it (the next request opens another).
    func drop() {
        current?.connection.close()
        current = nil
    }

    func close() {
        closed = true
        drop()
    }
}
