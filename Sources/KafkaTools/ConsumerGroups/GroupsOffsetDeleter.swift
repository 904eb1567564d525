import KafkaCLISupport
import KafkaClient

/// `--delete-offsets --group g --topic t[:p,…]` (`deleteOffsets`): whole topics are described for their
/// partitions; a topic that cannot be described gets a row of its own with partition `-`.
struct GroupsOffsetDeleter {
    let runner: GroupsRunner

    func run() async throws -> Int32 {
        let arguments = runner.arguments
        let group = try arguments.value("group") ?? ""
        let (explicit, topics) = try TopicPartitionArguments.split(arguments.values("topic"))
        var statuses: [TopicPartition: KafkaBrokerError?] = [:]
        var partitions = Set(explicit)
        for topic in Set(topics) {
            do {
                for described in try await runner.calls.topics([topic]) {
                    for partition in described.partitions {
                        partitions.insert(TopicPartition(topic: described.name, partition: partition.partition))
                    }
                }
            } catch KafkaClientError.broker(let error) {
                statuses[TopicPartition(topic: topic, partition: -1)] = .some(error)
            }
        }
        var topLevel: KafkaBrokerError?
        if !partitions.isEmpty {
            do {
                let failures = try await runner.calls.admin.deleteGroupOffsets(
                    group, partitions: GroupsDescriber.sorted(partitions), deadline: runner.calls.deadline)
                for partition in partitions { statuses[partition] = .some(failures[partition]) }
                topLevel = GroupsDescriber.sorted(failures.keys).first.flatMap { failures[$0] }
            } catch KafkaClientError.broker(let error) {
                topLevel = error
                for partition in partitions { statuses[partition] = .some(error) }
            }
        }
        runner.emit(GroupDeletionText.deleteOffsets(group: group, topLevel: topLevel, statuses: statuses))
        let anyFailed = topLevel != nil || statuses.values.contains { $0 != nil }
        return anyFailed ? 1 : 0
    }
}
