import KafkaClient

/// One row of `--describe --members` (`MemberAssignmentState`).
struct GroupMemberRow: Sendable, Hashable {
    var group: String
    var consumerId: String
    var groupInstanceId: String
    var host: String
    var clientId: String
    var assignment: [TopicPartition]
}

/// `printMembers` for one group: `"%-Gs %-Cs [%-Is ]%-Hs %-Ks %-15s "` (trailing space kept), the header preceded
/// by a newline; `--verbose` appends `"%-15s %-Rs %-15s %-Ss"` (epochs and assignments; classic groups have no
/// epochs and no target assignment).
enum GroupMembersText {
    static func render(_ rows: [GroupMemberRow], verbose: Bool) -> String {
        let g = JavaFormat.width(rows.map(\.group), minimum: 15)
        let c = JavaFormat.width(rows.map(\.consumerId), minimum: 15)
        let i = JavaFormat.width(rows.map(\.groupInstanceId), minimum: 17)
        let h = JavaFormat.width(rows.map(\.host), minimum: 15)
        let k = JavaFormat.width(rows.map(\.clientId), minimum: 15)
        let withInstance = rows.contains { !$0.groupInstanceId.isEmpty }
        let current = rows.map { assignmentText($0.assignment) }
        let r = JavaFormat.width(current, minimum: 20)
        let s = JavaFormat.width(rows.map { _ in JavaFormat.missing }, minimum: 20)
        func line(_ group: String, _ consumer: String, _ instance: String, _ host: String, _ client: String,
                  _ count: String, _ verboseCells: [String]) -> String {
            var text = JavaFormat.left(group, g) + " " + JavaFormat.left(consumer, c) + " "
            if withInstance { text += JavaFormat.left(instance, i) + " " }
            text += JavaFormat.left(host, h) + " " + JavaFormat.left(client, k) + " " + JavaFormat.left(count, 15) + " "
            if verbose {
                text += zip(verboseCells, [15, r, 15, s]).map { JavaFormat.left($0, $1) }.joined(separator: " ")
            }
            return text + "\n"
        }
        var text = "\n" + line(
            "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS",
            ["CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"])
        for (row, assignment) in zip(rows, current) {
            text += line(
                row.group, row.consumerId, row.groupInstanceId, row.host, row.clientId, String(row.assignment.count),
                [JavaFormat.missing, assignment, JavaFormat.missing, JavaFormat.missing])
        }
        return text
    }

    /// `topicA:0,1,2;topicB:3`: topics and partitions sorted; `-` for none.
    static func assignmentText(_ partitions: [TopicPartition]) -> String {
        guard !partitions.isEmpty else { return JavaFormat.missing }
        return Dictionary(grouping: partitions, by: \.topic)
            .sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            .map { topic, entries in topic + ":" + entries.map(\.partition).sorted().map(String.init).joined(separator: ",") }
            .joined(separator: ";")
    }
}
