/// The states of a classic group, named as Kafka prints them (DescribeGroups, ListGroups, log lines).
enum GroupState: String, Sendable, CaseIterable {
    /// No members; the group may still hold committed offsets.
    case empty = "Empty"
    /// A rebalance started: members must (re)join before the join phase ends.
    case preparingRebalance = "PreparingRebalance"
    /// Every member joined; waiting for the leader's assignment in SyncGroup.
    case completingRebalance = "CompletingRebalance"
    /// Assignment handed out; heartbeats keep members in.
    case stable = "Stable"
    /// Removed (deleted, expired): never answered as a live group.
    case dead = "Dead"

    /// Kafka's allowed predecessors; a transition from anything else is a coordinator bug.
    var validPreviousStates: Set<GroupState> {
        switch self {
        case .empty: return [.preparingRebalance]
        case .preparingRebalance: return [.stable, .completingRebalance, .empty]
        case .completingRebalance: return [.preparingRebalance]
        case .stable: return [.completingRebalance]
        case .dead: return [.stable, .preparingRebalance, .completingRebalance, .empty, .dead]
        }
    }

    /// ListGroups' states filter compares case-insensitively (Kafka 4 parses the names that way).
    static func named(_ name: String) -> GroupState? {
        allCases.first { $0.rawValue.lowercased() == name.lowercased() }
    }
}
