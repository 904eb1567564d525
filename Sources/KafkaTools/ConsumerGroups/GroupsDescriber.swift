import KafkaClient

/// What `--describe` prints before (or instead of) a group's table, by state (`shouldPrintMemberState`).
struct GroupPreamble: Sendable, Hashable {
    var standardError: String?
    var standardOutput: String?
    /// Whether the table follows.
    var printTable: Bool
    /// Whether this counts as a failure (our exit status).
    var failed: Bool

    struct UnexpectedState: Error, CustomStringConvertible {
        let state: String
        var description: String { "Expected a valid consumer group state, but found '\(state)'." }
    }

    /// `rows` nil: nothing could be collected (`The consumer group … does not exist.`).
    static func check(group: String, state: String, rows: Int?) throws -> GroupPreamble {
        guard let rows else {
            return GroupPreamble(
                standardOutput: "\nError: The consumer group '\(group)' does not exist.", printTable: false, failed: true)
        }
        switch GroupStates.canonical(state) {
        case "Dead":
            return GroupPreamble(
                standardOutput: "\nError: Consumer group '\(group)' does not exist.", printTable: false, failed: true)
        case "Empty":
            return GroupPreamble(
                standardError: "\nConsumer group '\(group)' has no active members.", printTable: rows > 0, failed: false)
        case "Stable":
            return GroupPreamble(printTable: rows > 0, failed: false)
        case let known? where GroupStates.rebalancing.contains(known):
            return GroupPreamble(
                standardError: "\nWarning: Consumer group '\(group)' is rebalancing.", printTable: rows > 0,
                failed: false)
        default:
            throw UnexpectedState(state: state)
        }
    }
}

/// The rows of `--describe --offsets` and `--members`, from what the admin calls returned (`collectGroupsOffsets`,
/// `collectGroupsMembers`).
enum GroupsDescriber {
    /// Members with partitions, most partitions first (a stable sort, as Java's), each member's partitions by
    /// topic then partition; then committed partitions nobody is assigned, with `-` for the member columns.
    static func offsetRows(
        _ group: GroupDescription, committed: [TopicPartition: CommittedOffset], logEnds: [TopicPartition: Int64]
    ) -> [GroupOffsetRow] {
        func row(_ partition: TopicPartition, _ member: GroupMemberDescription?) -> GroupOffsetRow {
            let offset = committed[partition]
            return GroupOffsetRow(
                group: group.groupId, topic: partition.topic, partition: partition.partition,
                leaderEpoch: offset?.leaderEpoch, currentOffset: offset?.offset, logEndOffset: logEnds[partition],
                consumerId: member?.memberId ?? JavaFormat.missing, host: member?.host ?? JavaFormat.missing,
                clientId: member?.clientId ?? JavaFormat.missing)
        }
        let members = group.members.filter { !$0.assignment.isEmpty }.enumerated()
            .sorted { ($0.element.assignment.count, $1.offset) > ($1.element.assignment.count, $0.offset) }
            .map(\.element)
        var rows: [GroupOffsetRow] = []
        var assigned = Set<TopicPartition>()
        for member in members {
            assigned.formUnion(member.assignment)
            rows += sorted(member.assignment).map { row($0, member) }
        }
        rows += sorted(committed.keys.filter { !assigned.contains($0) }).map { row($0, nil) }
        return rows
    }

    /// Every partition the offsets view needs a log-end offset for.
    static func partitions(_ group: GroupDescription, committed: [TopicPartition: CommittedOffset]) -> [TopicPartition] {
        Array(Set(group.members.flatMap(\.assignment)).union(committed.keys))
    }

    static func memberRows(_ group: GroupDescription) -> [GroupMemberRow] {
        group.members.map {
            GroupMemberRow(
                group: group.groupId, consumerId: $0.memberId, groupInstanceId: $0.groupInstanceId ?? "",
                host: $0.host, clientId: $0.clientId, assignment: $0.assignment)
        }
    }

    /// By topic (Java's string order) then partition.
    static func sorted(_ partitions: some Sequence<TopicPartition>) -> [TopicPartition] {
        partitions.sorted {
            $0.topic == $1.topic ? $0.partition < $1.partition : $0.topic.utf16.lexicographicallyPrecedes($1.topic.utf16)
        }
    }

    /// A TreeMap of group ids: distinct, in Java's string order.
    static func groupOrder(_ ids: [String]) -> [String] {
        Set(ids).sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }
}
