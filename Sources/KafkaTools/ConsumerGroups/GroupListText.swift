import KafkaClient

/// `--list` and `--list --state/--type` (`printGroupInfo`).
enum GroupListText {
    /// One group id per line.
    static func ids(_ groups: [GroupListing]) -> String {
        groups.map { $0.groupId + "\n" }.joined()
    }

    /// `%-Ws` (W = max(15, longest id) + 10) then ` %-20s` per extra column, each row ending with `%n`.
    static func table(_ groups: [GroupListing], includeType: Bool, includeState: Bool) -> String {
        let groupWidth = JavaFormat.width(groups.map(\.groupId), minimum: 15) + 10
        func row(_ id: String, _ type: String, _ state: String) -> String {
            var line = JavaFormat.left(id, groupWidth)
            if includeType { line += " " + JavaFormat.left(type, 20) }
            if includeState { line += " " + JavaFormat.left(state, 20) }
            return line + "\n"
        }
        return row("GROUP", "TYPE", "STATE")
            + groups.map { row($0.groupId, typeName($0.type), stateName($0.state)) }.joined()
    }

    /// `GroupType.toString()`: `Classic`, `Consumer`; `Unknown` when the broker did not say (ListGroups < v5).
    static func typeName(_ type: String) -> String {
        switch type.lowercased() {
        case "classic": return "Classic"
        case "consumer": return "Consumer"
        case "share": return "Share"
        case "streams": return "Streams"
        default: return "Unknown"
        }
    }

    /// `GroupState.parse(...).toString()`: Kafka's spelling, `Unknown` for anything else.
    static func stateName(_ state: String) -> String {
        GroupStates.canonical(state) ?? "Unknown"
    }
}

/// Kafka's group states (`GroupState`), as the tool parses and prints them.
enum GroupStates {
    /// In enum order, without `Unknown`.
    static let all = [
        "PreparingRebalance", "CompletingRebalance", "Stable", "Dead", "Empty", "Assigning", "Reconciling",
    ]

    /// Case-insensitive lookup (`GroupState.parse`).
    static func canonical(_ text: String) -> String? {
        all.first { $0.lowercased() == text.lowercased() }
    }

    static let rebalancing: Set<String> = ["PreparingRebalance", "CompletingRebalance", "Assigning", "Reconciling"]
}
