import KafkaClient

/// `printStates` for one group: `"\n%-Gs %-Xs %-20s %-20s %s"` (verbose: `… %-20s %-15s %-25s %s` with the
/// epochs), header repeated per group, then a newline. The coordinator reads `host:port  (id)`.
enum GroupStateText {
    static func render(_ group: GroupDescription, verbose: Bool) -> String {
        let coordinator = coordinatorText(group.coordinator)
        let g = JavaFormat.width([group.groupId], minimum: 15)
        let x = JavaFormat.width([coordinator], minimum: 25)
        let widths = verbose ? [g, x, 20, 20, 15, 25, 0] : [g, x, 20, 20, 0]
        func line(_ cells: [String]) -> String {
            "\n" + zip(cells, widths).map { JavaFormat.left($0, $1) }.joined(separator: " ")
        }
        let strategy = group.protocolName.isEmpty ? JavaFormat.missing : group.protocolName
        let count = String(group.members.count)
        if verbose {
            return line(["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "GROUP-EPOCH",
                         "TARGET-ASSIGNMENT-EPOCH", "#MEMBERS"])
                + line([group.groupId, coordinator, strategy, group.state, JavaFormat.missing, JavaFormat.missing, count])
                + "\n"
        }
        return line(["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"])
            + line([group.groupId, coordinator, strategy, group.state, count]) + "\n"
    }

    /// `host:port  (id)`, two spaces before the parenthesis as Apache prints it.
    static func coordinatorText(_ node: BrokerNode?) -> String {
        guard let node else { return ":-1  (-1)" }
        return "\(node.host):\(node.port)  (\(node.id))"
    }
}
