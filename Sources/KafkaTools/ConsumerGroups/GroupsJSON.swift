import KafkaCLISupport
import KafkaClient

/// `--output json` for `--list` and `--describe`; the fields are documented in docs/json-output.md and must not
/// change.
enum GroupsJSON {
    static func list(_ groups: [GroupListing]) -> JSONValue {
        .object([
            (
                "groups",
                .array(
                    groups.map { group in
                        .object([
                            ("groupId", .string(group.groupId)), ("protocolType", .string(group.protocolType)),
                            ("state", group.state.isEmpty ? .null : .string(GroupListText.stateName(group.state))),
                            ("type", group.type.isEmpty ? .null : .string(GroupListText.typeName(group.type))),
                        ])
                    })
            )
        ])
    }

    static func describe(_ groups: [JSONValue]) -> JSONValue { .object([("groups", .array(groups))]) }

    static func group(_ group: GroupDescription, offsets: [GroupOffsetRow]) -> JSONValue {
        .object([
            ("groupId", .string(group.groupId)),
            ("exists", .bool(group.state != "Dead")),
            ("state", .string(group.state)),
            ("protocolType", .string(group.protocolType)),
            ("assignmentStrategy", .string(group.protocolName)),
            (
                "coordinator",
                group.coordinator.map { node in
                    .object([
                        ("id", .integer(Int64(node.id))), ("host", .string(node.host)),
                        ("port", .integer(Int64(node.port))),
                    ])
                } ?? .null
            ),
            ("members", .array(group.members.map(member))),
            ("offsets", .array(offsets.map(offset))),
        ])
    }

    private static func member(_ member: GroupMemberDescription) -> JSONValue {
        .object([
            ("memberId", .string(member.memberId)), ("groupInstanceId", .optional(member.groupInstanceId)),
            ("clientId", .string(member.clientId)), ("host", .string(member.host)),
            (
                "assignment",
                .array(
                    GroupsDescriber.sorted(member.assignment).map {
                        .object([("topic", .string($0.topic)), ("partition", .integer(Int64($0.partition)))])
                    })
            ),
        ])
    }

    private static func offset(_ row: GroupOffsetRow) -> JSONValue {
        let member = { (value: String?) -> JSONValue in
            guard let value, value != JavaFormat.missing else { return .null }
            return .string(value)
        }
        return .object([
            ("topic", .optional(row.topic)),
            ("partition", row.partition.map { .integer(Int64($0)) } ?? .null),
            ("currentOffset", row.currentOffset.map { .integer($0) } ?? .null),
            ("logEndOffset", row.logEndOffset.map { .integer($0) } ?? .null),
            ("lag", row.lag.map { .integer($0) } ?? .null),
            ("leaderEpoch", row.leaderEpoch.map { .integer(Int64($0)) } ?? .null),
            ("memberId", member(row.consumerId)), ("host", member(row.host)), ("clientId", member(row.clientId)),
        ])
    }
}
