/// A committed offset as the coordinator keeps it (and as an OffsetCommitValue record stores it).
struct CommittedOffset: Sendable, Hashable {
    var offset: Int64
    /// -1 when the client did not say.
    var leaderEpoch: Int32
    var metadata: String
    /// Wall-clock milliseconds of the commit.
    var commitTimestamp: Int64
    /// Only from OffsetCommit v2–v4 with a retention time: the old per-offset expiry (value version 1).
    var expireTimestamp: Int64?
}
