import KafkaProtocol
import NIOCore

/// A record to send. Key and value are bytes (serializers are the caller's business); a slice of a larger
/// buffer costs no copy.
public struct ProducerRecord: Sendable {
    public var topic: String
    /// nil lets the partitioner choose: by key hash, or sticky for records without a key.
    public var partition: Int32?
    public var key: ByteBuffer?
    public var value: ByteBuffer?
    public var headers: [RecordHeader]
    /// Create time in ms since the epoch; nil means now.
    public var timestamp: Int64?

    public init(
        topic: String, partition: Int32? = nil, key: ByteBuffer? = nil, value: ByteBuffer?,
        headers: [RecordHeader] = [], timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// Kafka's upper bound for the record's size inside a batch (`AbstractRecords.estimateSizeInBytesUpperBound`).
    var estimatedSize: Int {
        var size = 21 + (key?.readableBytes ?? 0) + (value?.readableBytes ?? 0)
        for header in headers { size += 10 + header.key.readableBytes + (header.value?.readableBytes ?? 0) }
        return size
    }
}

/// Where an acknowledged record landed.
public struct RecordMetadata: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    /// -1 when unknown (acks=0, or a duplicate the broker had already written).
    public var offset: Int64
    /// The create time we sent, or the broker's append time for LogAppendTime topics.
    public var timestamp: Int64
}

/// The outcome of one send, handed to its completion.
public typealias SendResult = Result<RecordMetadata, KafkaClientError>
