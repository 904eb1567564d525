import KafkaProtocol
import KafkaStorage

extension BrokerConfig {
    /// The broker's `log.*` settings as the defaults every partition log starts from (topic overrides apply on top).
    public var logConfig: LogConfig {
        var config = LogConfig.default
        config.segmentBytes = Int(logSegmentBytes)
        config.segmentMs = logRollMs
        config.retentionMs = logRetentionMs
        config.retentionBytes = logRetentionBytes
        config.maxMessageBytes = Int(messageMaxBytes)
        config.flushIntervalMessages = logFlushIntervalMessages
        config.timestampType = logMessageTimestampType == .logAppendTime ? .logAppendTime : .createTime
        return config
    }
}
