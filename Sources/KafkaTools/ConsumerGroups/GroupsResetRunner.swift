import KafkaCLISupport
import KafkaClient

/// `--reset-offsets` (`resetOffsets`, then `printOffsetsToReset` or `exportOffsetsToCsv`): only inactive groups
/// (Empty or Dead) are planned; `--execute` commits the plan.
struct GroupsResetRunner {
    let runner: GroupsRunner

    var arguments: JoptParsedArguments { runner.arguments }
    var calls: GroupCalls { runner.calls }

    func run() async throws -> Int32 {
        let scenario = try await scenario()
        let planner = OffsetResetPlanner(calls: calls, output: runner.output)
        var ids: [String] = []
        for id in try await runner.groupIds() where !ids.contains(id) { ids.append(id) }
        var plans: [GroupResetPlan] = []
        var failed = false
        for id in JavaHashOrder.orderedStrings(ids) {
            let group = try await calls.describe(id)
            guard group.state == "Empty" || group.state == "Dead" else {
                runner.output.line(
                    "\nError: Assignments can only be reset if the group '\(id)' is inactive, but the current state is \(group.state).")
                plans.append(GroupResetPlan(group: id, offsets: [:]))
                failed = true
                continue
            }
            let partitions = try await scope(id)
            try await checkPartitionsExist(partitions)
            guard let offsets = try await planner.plan(id, partitions: partitions, scenario: scenario) else {
                plans.append(GroupResetPlan(group: id, offsets: [:]))
                failed = true
                continue
            }
            if arguments.has("execute") && !offsets.isEmpty {
                try await calls.admin.alterGroupOffsets(id, offsets: offsets, deadline: calls.deadline)
            }
            plans.append(GroupResetPlan(group: id, offsets: offsets))
        }
        if arguments.has("export") {
            runner.emit(ResetOffsetsText.csv(plans, singleGroup: arguments.values("group").count == 1))
        } else {
            runner.emit(ResetOffsetsText.table(plans))
        }
        return failed ? 1 : 0
    }

    /// The scenario, with its argument read as Apache reads it.
    private func scenario() async throws -> OffsetResetPlanner.Scenario {
        if let offset = try JavaNumbers.long(arguments, "to-offset") { return .toOffset(offset) }
        if arguments.has("to-earliest") { return .toEarliest }
        if arguments.has("to-latest") { return .toLatest }
        if let shift = try JavaNumbers.long(arguments, "shift-by") { return .shiftBy(shift) }
        if let text = try arguments.value("to-datetime") {
            do {
                return .toTimestamp(try ResetTimestamps.dateTime(text))
            } catch .noT {
                throw GroupsFailure.usage(ResetTimestamps.Failure.noT.description)
            } catch {
                throw GroupsFailure.execution(error.description)
            }
        }
        if let text = try arguments.value("by-duration") {
            do {
                let millis = try ResetTimestamps.duration(text)
                let now = LocalSystem.nowMillis()
                return .toTimestamp(now - millis)
            } catch {
                throw GroupsFailure.execution(error.description)
            }
        }
        if let path = try arguments.value("from-file") {
            let text: String
            do {
                text = try LocalSystem.readText(path)
            } catch {
                throw GroupsFailure.execution("java.nio.file.NoSuchFileException: \(path)")
            }
            do {
                return .fromFile(try ResetPlanFile.parse(text, groups: arguments.values("group")))
            } catch {
                throw GroupsFailure.execution(error.description)
            }
        }
        return .toCurrent
    }

    /// `getPartitionsToReset`.
    private func scope(_ group: String) async throws -> [TopicPartition] {
        if arguments.has("all-topics") { return GroupsDescriber.sorted(try await calls.committed(group).keys) }
        if arguments.has("topic") {
            let (explicit, topics) = try TopicPartitionArguments.split(arguments.values("topic"))
            var unique: [String] = []
            for topic in topics where !unique.contains(topic) { unique.append(topic) }
            let described = try await calls.topics(unique)
            return explicit + described.flatMap { topic in
                topic.partitions.map { TopicPartition(topic: topic.name, partition: $0.partition) }
            }
        }
        if !arguments.has("from-file") { throw GroupsFailure.usage(GroupsOptions.noResetScope) }
        return []
    }

    /// `checkAllTopicPartitionsValid`: every partition exists and has a leader.
    private func checkPartitionsExist(_ partitions: [TopicPartition]) async throws {
        let topics = Array(Set(partitions.map(\.topic))).sorted()
        guard !topics.isEmpty else { return }
        let described = Dictionary(
            try await calls.topics(topics).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var missing: [TopicPartition] = []
        var leaderless: [TopicPartition] = []
        for partition in GroupsDescriber.sorted(partitions) {
            guard let info = described[partition.topic]?.partitions.first(where: { $0.partition == partition.partition })
            else {
                missing.append(partition)
                continue
            }
            if info.leader == nil { leaderless.append(partition) }
        }
        let names = { (list: [TopicPartition]) in list.map { "\"\($0)\"" }.joined(separator: ", ") }
        if !missing.isEmpty { throw GroupsFailure.execution("The partitions \(names(missing)) do not exist") }
        if !leaderless.isEmpty { throw GroupsFailure.execution("The partitions \(names(leaderless)) have no leader") }
    }
}
