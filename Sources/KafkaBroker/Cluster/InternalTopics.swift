/// Kafka's internal topics: flagged in Metadata, and `__consumer_offsets` sized by `offsets.topic.num.partitions`.
enum InternalTopics {
    static let consumerOffsets = "__consumer_offsets"
    static let transactionState = "__transaction_state"
    static let shareGroupState = "__share_group_state"

    static func contains(_ name: String) -> Bool {
        name == consumerOffsets || name == transactionState || name == shareGroupState
    }
}
