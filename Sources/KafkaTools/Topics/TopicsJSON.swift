import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// `--output json` for `--list` and `--describe`; the field names are documented in docs/json-output.md and must
/// not change.
enum TopicsJSON {
    static func list(_ topics: [TopicListing]) -> JSONValue {
        .object([
            (
                "topics",
                .array(
                    topics.map { topic in
                        .object([
                            ("name", .string(topic.name)), ("topicId", .string(topic.topicId.base64)),
                            ("internal", .bool(topic.isInternal)),
                        ])
                    })
            )
        ])
    }

    /// One described topic: what the text's header says, and the partitions the text would print.
    static func topic(
        _ topic: TopicDescription, configs: [ConfigEntry], partitions: [TopicPartitionDescription]
    ) -> JSONValue {
        .object([
            ("name", .string(topic.name)),
            ("topicId", topic.topicId == .zero ? .null : .string(topic.topicId.base64)),
            ("internal", .bool(topic.isInternal)),
            ("partitionCount", .integer(Int64(topic.partitions.count))),
            ("replicationFactor", .integer(Int64(topic.partitions.first?.replicas.count ?? 0))),
            ("configs", .object(TopicDescriptionText.overrides(configs).map { ($0.name, .optional($0.value)) })),
            ("partitions", .array(partitions.map(partition))),
        ])
    }

    static func describe(_ topics: [JSONValue]) -> JSONValue { .object([("topics", .array(topics))]) }

    private static func partition(_ partition: TopicPartitionDescription) -> JSONValue {
        .object([
            ("partition", .integer(Int64(partition.partition))),
            ("leader", partition.leader.map { .integer(Int64($0)) } ?? .null),
            ("replicas", .integers(partition.replicas)),
            ("isr", .integers(partition.isr)),
            ("elr", partition.eligibleLeaderReplicas.map(JSONValue.integers) ?? .null),
            ("lastKnownElr", partition.lastKnownEligibleLeaderReplicas.map(JSONValue.integers) ?? .null),
        ])
    }
}
