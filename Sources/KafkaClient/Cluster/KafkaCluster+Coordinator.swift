import KafkaProtocol

extension KafkaCluster {
    /// The broker coordinating `groupId` (FindCoordinator with key type group, shaped for the negotiated version).
    public func findGroupCoordinator(_ groupId: String, deadline: ContinuousClock.Instant) async throws -> Int32 {
        try await withRetries(deadline: deadline) {
            let connection = try await self.anyConnection(deadline: deadline)
            let version = try connection.negotiatedVersion(FindCoordinatorRequest.self)
            var request = FindCoordinatorRequest()
            request.keyType = 0
            // v4 replaced the single key with a batch of keys.
            if version >= 4 { request.coordinatorKeys = [groupId] } else { request.key = groupId }
            let response = try await self.send(request, version: version, on: connection, deadline: deadline)
            let (code, message, node) =
                response.coordinators.first.map { ($0.errorCode, $0.errorMessage, $0.nodeId) }
                ?? (response.errorCode, response.errorMessage, response.nodeId)
            if let error = KafkaBrokerError.check(code, message: message) { throw KafkaClientError.broker(error) }
            return node
        }
    }
}
