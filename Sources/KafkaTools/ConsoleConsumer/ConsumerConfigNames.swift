import KafkaClient

/// The consumer property names Kafka's client knows, for the "isn't a known config" warning.
enum ConsumerConfigNames {
    static let known = ConsumerConfig.knownProperties
    static let logger = "org.apache.kafka.clients.consumer.ConsumerConfig"

    static func unknownWarning(_ key: String) -> String {
        "The configuration '\(key)' was supplied but isn't a known config."
    }
}
