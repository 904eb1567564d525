import KafkaClient
import KafkaProtocol

/// The outputs of `--delete` and `--delete-offsets`.
enum GroupDeletionText {
    /// `deleteGroups`: success line, or the failures then the groups that were deleted. Groups in Java HashMap
    /// order. Returns the text and whether everything succeeded.
    static func deleteGroups(_ groupIds: [String], failures: [String: KafkaBrokerError]) -> (String, Bool) {
        let ordered = JavaHashOrder.orderedStrings(unique(groupIds))
        let succeeded = ordered.filter { failures[$0] == nil }
        let quoted = { (ids: [String]) in ids.map { "'\($0)'" }.joined(separator: ", ") }
        guard !failures.isEmpty else {
            return ("Deletion of requested consumer groups (\(quoted(succeeded))) was successful.\n", true)
        }
        var text = "\nError: Deletion of some consumer groups failed:\n"
        for group in JavaHashOrder.orderedStrings(ordered.filter { failures[$0] != nil }) {
            if let error = failures[group] {
                text += "* Group '\(group)' could not be deleted due to: \(JavaExceptionName.describe(error))\n"
            }
        }
        if !succeeded.isEmpty { text += "\nThese consumer groups were deleted successfully: \(quoted(succeeded))\n" }
        return (text, false)
    }

    /// `deleteOffsets`: the outcome line, then `"%n%-Ts %-10s %-15s"` rows sorted by topic + partition text and a
    /// final newline. A partition of -1 (a topic that could not be described) prints `-`.
    static func deleteOffsets(
        group: String, topLevel: KafkaBrokerError?, statuses: [TopicPartition: KafkaBrokerError?]
    ) -> String {
        let text: String
        switch topLevel?.code {
        case nil where topLevel == nil:
            text = "Request succeeded for deleting offsets from group \(group).\n"
        case .groupSubscribedToTopic?, .topicAuthorizationFailed?, .unknownTopicOrPartition?:
            text = "\nError: Encountered some partition-level error, see the follow-up details.\n"
        default:
            text = "\nError: \(JavaExceptionName.message(topLevel))\n"
        }
        let t = JavaFormat.width(statuses.keys.map(\.topic), minimum: 15)
        func line(_ topic: String, _ partition: String, _ status: String) -> String {
            "\n" + JavaFormat.left(topic, t) + " " + JavaFormat.left(partition, 10) + " " + JavaFormat.left(status, 15)
        }
        var table = line("TOPIC", "PARTITION", "STATUS")
        let sorted = statuses.sorted { key($0.key).utf16.lexicographicallyPrecedes(key($1.key).utf16) }
        for (partition, error) in sorted {
            let status = error.map { "Error: \(JavaExceptionName.message($0))" } ?? "Successful"
            table += line(partition.topic, partition.partition >= 0 ? String(partition.partition) : "-", status)
        }
        return text + table + "\n"
    }

    private static func key(_ partition: TopicPartition) -> String { partition.topic + String(partition.partition) }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}

/// The Java exception a broker error becomes in Apache's admin client, for the lines that print it.
enum JavaExceptionName {
    /// `org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`
    static func describe(_ error: KafkaBrokerError) -> String {
        let text = message(error)
        guard let name = error.code.flatMap({ known[$0]?.exception }) else { return text }
        return "org.apache.kafka.common.errors.\(name): \(text)"
    }

    /// `Errors.message()`: Kafka's text for the code (the admin client builds the exception from the code, not
    /// from the broker's message). Our generated `ErrorCode.message` words some codes differently, so the codes
    /// this tool prints carry Apache's own text here.
    static func message(_ error: KafkaBrokerError?) -> String {
        guard let error else { return "" }
        if let code = error.code, let text = known[code]?.message { return text }
        return error.code?.message ?? error.description
    }

    /// From `org.apache.kafka.common.protocol.Errors`.
    private static let known: [ErrorCode: (exception: String, message: String)] = [
        .unknownTopicOrPartition: ("UnknownTopicOrPartitionException", "This server does not host this topic-partition."),
        .coordinatorLoadInProgress: (
            "CoordinatorLoadInProgressException", "The coordinator is loading and hence can't process requests."
        ),
        .coordinatorNotAvailable: ("CoordinatorNotAvailableException", "The coordinator is not available."),
        .notCoordinator: ("NotCoordinatorException", "This is not the correct coordinator."),
        .invalidGroupId: ("InvalidGroupIdException", "The configured groupId is invalid."),
        .topicAuthorizationFailed: ("TopicAuthorizationException", "Topic authorization failed."),
        .groupAuthorizationFailed: ("GroupAuthorizationException", "Group authorization failed."),
        .nonEmptyGroup: ("GroupNotEmptyException", "The group is not empty."),
        .groupIdNotFound: ("GroupIdNotFoundException", "The group id does not exist."),
        .groupSubscribedToTopic: (
            "GroupSubscribedToTopicException",
            "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it."
        ),
    ]
}
