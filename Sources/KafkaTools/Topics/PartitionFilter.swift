import KafkaClient

/// The `--describe` report options (`TopicCommand.DescribeOptions`): which header and partition lines to print.
struct PartitionFilter: Sendable, Hashable {
    var underReplicated = false
    var unavailable = false
    var underMinIsr = false
    var atMinIsr = false
    var topicsWithOverrides = false

    /// Headers appear only when no partition report is asked for.
    var printsHeaders: Bool { !underReplicated && !unavailable && !underMinIsr && !atMinIsr }
    /// `--topics-with-overrides` prints headers only.
    var printsPartitions: Bool { !topicsWithOverrides }

    /// Whether a topic's header is printed, given its configs.
    func printsHeader(configs: [ConfigEntry]) -> Bool {
        printsHeaders && (!topicsWithOverrides || configs.contains { !$0.isDefault })
    }

    /// Whether a partition line is printed. `minIsr` is the topic's `min.insync.replicas`.
    func printsPartition(_ partition: TopicPartitionDescription, minIsr: Int, liveBrokers: Set<Int32>) -> Bool {
        if printsHeaders { return true }
        let isrSize = partition.isr.count
        let hasLeader = partition.leader != nil
        if underReplicated && partition.replicas.count - isrSize > 0 { return true }
        if unavailable && (partition.leader.map { !liveBrokers.contains($0) } ?? true) { return true }
        if underMinIsr && (!hasLeader || isrSize < minIsr) { return true }
        if atMinIsr && minIsr == isrSize { return true }
        return false
    }

    /// `min.insync.replicas` from the topic's configs; a broker that does not report it (Tansu) gets Kafka's
    /// default of 1 rather than Apache's NullPointerException.
    static func minIsr(_ configs: [ConfigEntry]) -> Int {
        configs.first { $0.name == "min.insync.replicas" }.flatMap { $0.value.flatMap(Int.init) } ?? 1
    }
}
