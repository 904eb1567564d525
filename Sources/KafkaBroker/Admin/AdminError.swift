import KafkaProtocol

/// An error code with the message an admin API returns next to it.
public struct AdminError: Error, Sendable, Hashable {
    public var code: ErrorCode
    public var message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    static func replicationFactor(_ factor: Int) -> AdminError {
        AdminError(
            .invalidReplicationFactor,
            "Unable to replicate the partition \(factor) time(s): The target replication factor of \(factor) cannot be "
                + "reached because only 1 broker(s) are registered.")
    }
}
