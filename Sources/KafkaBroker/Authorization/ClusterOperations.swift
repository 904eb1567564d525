/// The operations a CLUSTER resource supports (Kafka's AclEntry.supportedOperations) and the bit set
/// DescribeCluster reports for them.
enum ClusterOperations {
    static let supported: [AclOperation] = [
        .create, .clusterAction, .describeConfigs, .alterConfigs, .idempotentWrite, .alter, .describe,
    ]

    /// One bit per allowed operation code; 0 without DESCRIBE on the cluster.
    static func authorized(_ context: RequestContext) -> Int32 {
        guard context.authorizeCluster(.describe, logIfDenied: false) else { return 0 }
        var bits: Int32 = 0
        for operation in supported where context.authorizeCluster(operation, logIfDenied: false) {
            bits |= 1 << Int32(operation.rawValue)
        }
        return bits
    }
}
