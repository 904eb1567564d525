import KafkaClient

/// The new offsets of one group, in the order Apache's `HashMap<TopicPartition, …>` iterates them.
struct GroupResetPlan: Sendable, Hashable {
    var group: String
    var offsets: [(partition: TopicPartition, offset: Int64)]

    init(group: String, offsets: [TopicPartition: Int64]) {
        self.group = group
        self.offsets = JavaHashOrder.orderedPartitions(offsets.keys.sorted()).compactMap { partition in
            offsets[partition].map { (partition, $0) }
        }
    }

    static func == (lhs: GroupResetPlan, rhs: GroupResetPlan) -> Bool {
        lhs.group == rhs.group && lhs.offsets.elementsEqual(rhs.offsets) { $0 == $1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        for entry in offsets {
            hasher.combine(entry.partition)
            hasher.combine(entry.offset)
        }
    }
}

/// `printOffsetsToReset` and `exportOffsetsToCsv`.
enum ResetOffsetsText {
    /// `"%n%-Gs %-Ts %-10s %s"` (G, T at least 15); the header only when some group has a plan (even an empty
    /// one), then a final newline.
    static func table(_ plans: [GroupResetPlan]) -> String {
        let g = JavaFormat.width(plans.map(\.group), minimum: 15)
        let t = JavaFormat.width(plans.flatMap { $0.offsets.map(\.partition.topic) }, minimum: 15)
        func line(_ group: String, _ topic: String, _ partition: String, _ offset: String) -> String {
            "\n" + JavaFormat.left(group, g) + " " + JavaFormat.left(topic, t) + " " + JavaFormat.left(partition, 10)
                + " " + offset
        }
        var text = plans.isEmpty ? "" : line("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET")
        for plan in plans {
            for entry in plan.offsets {
                text += line(plan.group, entry.partition.topic, String(entry.partition.partition), String(entry.offset))
            }
        }
        return text + "\n"
    }

    /// Jackson CSV without a header: `topic,partition,offset` for a single `--group`, otherwise with the group
    /// first; one record per line, then the newline of `println`.
    static func csv(_ plans: [GroupResetPlan], singleGroup: Bool) -> String {
        var text = ""
        for plan in plans {
            for entry in plan.offsets {
                var fields = [entry.partition.topic, String(entry.partition.partition), String(entry.offset)]
                if !singleGroup { fields.insert(plan.group, at: 0) }
                text += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return text + "\n"
    }

    /// Jackson quotes a value holding the separator, a quote or a line break, doubling quotes.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
