/// Whose clock a record's timestamp comes from: the producer's (CreateTime) or the broker's at append
/// (LogAppendTime). Magic-0 messages carry no timestamp at all.
public enum TimestampType: Int8, Sendable, Hashable, CaseIterable {
    case noTimestamp = -1
    case createTime = 0
    case logAppendTime = 1

    /// Kafka's spelling, as dump-log and the console consumer print it.
    public var name: String {
        switch self {
        case .noTimestamp: return "NoTimestampType"
        case .createTime: return "CreateTime"
        case .logAppendTime: return "LogAppendTime"
        }
    }
}
