import KafkaProtocol
import NIOCore

/// Reads the topics out of a consumer's JoinGroup metadata. The bytes start with an int16 version; newer versions
/// than we know only append fields, so they are read with the newest layout (as Kafka's ConsumerProtocol does).
enum ConsumerSubscriptionReader {
    static func topics(from bytes: ByteBuffer) -> [String]? {
        var buffer = bytes
        guard let version = try? buffer.readKafkaInt16(), version >= 0 else { return nil }
        let readable = min(version, ConsumerProtocolSubscription.versions.upperBound)
        return (try? ConsumerProtocolSubscription(from: &buffer, version: readable))?.topics
    }
}
