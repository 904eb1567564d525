import KafkaCLISupport

/// `TopicCommand.CommandTopicPartition`: what `--create` and `--alter` read from the command line, in Apache's
/// order, so the first bad value is the one Apache would report.
struct TopicRequest: Sendable, Hashable {
    let name: String
    let partitions: Int32?
    let replicationFactor: Int32?
    /// Replica lists by partition; nil when not given (or given empty).
    let replicaAssignment: [[Int32]]?
    let configs: [String: String]

    init(_ arguments: JoptParsedArguments) throws {
        name = try arguments.value("topic") ?? ""
        partitions = try arguments.integer("partitions")
        replicationFactor = try arguments.integer("replication-factor")
        if let text = try arguments.value("replica-assignment"), !text.isEmpty {
            let parsed = try ReplicaAssignment.parse(text)
            replicaAssignment = parsed.isEmpty ? nil : parsed
        } else {
            replicaAssignment = nil
        }
        configs = try TopicConfigArguments.parse(arguments.values("config"))
    }
}
