import KafkaProtocol
import NIOCore

/// A record as the consumer delivers it: where it was, when, and its bytes (slices of the fetched data).
public struct ConsumerRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// -1 when the format has no timestamp (magic 0).
    public var timestamp: Int64
    public var timestampType: TimestampType
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: RecordHeaders
    /// The leader epoch of the batch, nil for formats without one.
    public var leaderEpoch: Int32?

    public init(
        topic: String, partition: Int32, offset: Int64, timestamp: Int64, timestampType: TimestampType,
        key: ByteBuffer?, value: ByteBuffer?, headers: RecordHeaders = .empty, leaderEpoch: Int32? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.timestampType = timestampType
        self.key = key
        self.value = value
        self.headers = headers
        self.leaderEpoch = leaderEpoch
    }

    public var topicPartition: TopicPartition { TopicPartition(topic: topic, partition: partition) }
}
