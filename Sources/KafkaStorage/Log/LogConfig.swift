import KafkaProtocol

/// The per-partition settings the log honours, named after Kafka's topic configs (broker `log.*` defaults).
public struct LogConfig: Hashable, Sendable {
    /// `segment.bytes`: roll when the active segment would grow past this.
    public var segmentBytes: Int
    /// `segment.ms`: roll when the active segment's first batch is older than this.
    public var segmentMs: Int64
    /// `segment.index.bytes`: the preallocated size of `.index`/`.timeindex`; a full index rolls the segment.
    public var segmentIndexBytes: Int
    /// `index.interval.bytes`: log bytes between two offset index entries.
    public var indexIntervalBytes: Int
    /// `retention.ms` (-1: keep forever).
    public var retentionMs: Int64
    /// `retention.bytes` (-1: no size limit).
    public var retentionBytes: Int64
    /// `max.message.bytes`: the largest batch accepted.
    public var maxMessageBytes: Int
    /// `flush.messages`: fsync after this many records (1: before every append returns).
    public var flushIntervalMessages: Int64
    /// `message.timestamp.type`: LogAppendTime makes the log stamp batches with the append time.
    public var timestampType: TimestampType

    public static let `default` = LogConfig()

    public init(
        segmentBytes: Int = 1_073_741_824, segmentMs: Int64 = 604_800_000, segmentIndexBytes: Int = 10_485_760,
        indexIntervalBytes: Int = 4096, retentionMs: Int64 = 604_800_000, retentionBytes: Int64 = -1,
        maxMessageBytes: Int = 1_048_588, flushIntervalMessages: Int64 = .max, timestampType: TimestampType = .createTime
    ) {
        self.segmentBytes = segmentBytes
        self.segmentMs = segmentMs
        self.segmentIndexBytes = segmentIndexBytes
        self.indexIntervalBytes = indexIntervalBytes
        self.retentionMs = retentionMs
        self.retentionBytes = retentionBytes
        self.maxMessageBytes = maxMessageBytes
        self.flushIntervalMessages = flushIntervalMessages
        self.timestampType = timestampType
    }

    /// These defaults overridden by a topic's configs (Kafka's topic-level names). Values that do not parse are
    /// ignored here: the broker validates configs before they are stored.
    public func applying(topicConfigs: [String: String]) -> LogConfig {
        var config = self
        func integer(_ key: String) -> Int64? { topicConfigs[key].flatMap { Int64($0) } }
        if let value = integer("segment.bytes") { config.segmentBytes = Int(value) }
        if let value = integer("segment.ms") { config.segmentMs = value }
        if let value = integer("segment.index.bytes") { config.segmentIndexBytes = Int(value) }
        if let value = integer("index.interval.bytes") { config.indexIntervalBytes = Int(value) }
        if let value = integer("retention.ms") { config.retentionMs = value }
        if let value = integer("retention.bytes") { config.retentionBytes = value }
        if let value = integer("max.message.bytes") { config.maxMessageBytes = Int(value) }
        if let value = integer("flush.messages") { config.flushIntervalMessages = value }
        switch topicConfigs["message.timestamp.type"] {
        case "LogAppendTime": config.timestampType = .logAppendTime
        case "CreateTime": config.timestampType = .createTime
        default: break
        }
        return config
    }
}
