import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// The lines of `kafka-topics --describe`, as `TopicCommand.TopicDescription` and `PartitionDescription` print
/// them: tab-separated fields, a trailing space after `Configs: ` when nothing is overridden, and `N/A` for ELR
/// lists the Metadata API cannot carry.
enum TopicDescriptionText {
    /// `Topic: t⇥TopicId: id⇥PartitionCount: n⇥ReplicationFactor: r⇥Configs: k=v,…`. `configs` are the topic's
    /// DescribeConfigs entries in the broker's order; the non-default ones are listed in the order Apache's
    /// `Config` (a HashMap) gives them.
    static func header(topic: TopicDescription, configs: [ConfigEntry]) -> String {
        var line = "Topic: \(topic.name)"
        if topic.topicId != .zero { line += "\tTopicId: \(topic.topicId)" }
        line += "\tPartitionCount: \(topic.partitions.count)"
        line += "\tReplicationFactor: \(topic.partitions.first?.replicas.count ?? 0)"
        line += "\tConfigs: " + overrides(configs).map { "\($0.name)=\($0.value ?? "null")" }.joined(separator: ",")
        return line
    }

    /// `⇥Topic: t⇥Partition: p⇥Leader: l⇥Replicas: …⇥Isr: …⇥Elr: …⇥LastKnownElr: …`.
    static func partition(topic: String, _ partition: TopicPartitionDescription) -> String {
        var line = "\tTopic: \(topic)\tPartition: \(partition.partition)"
        line += "\tLeader: " + (partition.leader.map { String($0) } ?? "none")
        line += "\tReplicas: " + ids(partition.replicas)
        line += "\tIsr: " + ids(partition.isr)
        line += "\tElr: " + (partition.eligibleLeaderReplicas.map(ids) ?? "N/A")
        line += "\tLastKnownElr: " + (partition.lastKnownEligibleLeaderReplicas.map(ids) ?? "N/A")
        return line
    }

    /// The entries that are not defaults (`!ConfigEntry.isDefault()`), in `java.util.HashMap` iteration order.
    static func overrides(_ configs: [ConfigEntry]) -> [ConfigEntry] {
        // `Config` keys its HashMap by name; a repeated name keeps the later entry in the earlier slot.
        var byName: [String: ConfigEntry] = [:]
        var names: [String] = []
        for entry in configs {
            if byName.updateValue(entry, forKey: entry.name) == nil { names.append(entry.name) }
        }
        return JavaHashMapOrder.ordered(names).compactMap { byName[$0] }.filter { !$0.isDefault }
    }

    private static func ids(_ values: [Int32]) -> String { values.map(String.init).joined(separator: ",") }
}
