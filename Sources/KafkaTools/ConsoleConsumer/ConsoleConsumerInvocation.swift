/// A console-consumer command line that passed Apache's checks: what to read, with which consumer settings, and
/// how to print it.
struct ConsoleConsumerInvocation: Sendable {
    typealias StartOffset = KafkaTools.StartOffset

    enum Source: Sendable, Hashable {
        /// `--partition`: assign and seek, no group membership.
        case partition(topic: String, partition: Int32, start: StartOffset)
        /// `--topic`: subscribe as a member of the group.
        case topic(String)
        /// `--include`: subscribe to every topic whose name matches.
        case pattern(String)
    }

    var source: Source
    /// Everything the KafkaConsumer is built from.
    var consumerProperties: [String: String]
    /// nil: no limit (Java's -1). Zero or a negative limit reads nothing, as Java's loop condition does.
    var maxMessages: Int32?
    /// nil: wait forever.
    var timeoutMs: Int64?
    var skipMessageOnError: Bool
    var formatter: ConsoleFormatter
    var enableSystestEvents: Bool

    /// Consumer properties the client does not know (each gets Kafka's WARN line).
    var unknownProperties: [String] {
        consumerProperties.keys.filter { !ConsumerConfigNames.known.contains($0) }.sorted()
    }
}
