import KafkaProtocol

/// A new cluster id, as `kafka-storage random-uuid` prints it (22 URL-safe base64 characters). Used only when the
/// log dir is new; Apache needs `kafka-storage format`, this broker formats an empty dir on first start.
enum ClusterId {
    static func random() -> String { KafkaUUID.random().base64 }
}
