import KafkaCLISupport
import KafkaClient

/// `prepareOffsetsToReset`: the new offset of each partition for the chosen scenario, clamped to the log where
/// Apache clamps. Warnings go where Apache prints them (the range WARN to the log on stderr, the empty-partition
/// Warn on stdout).
struct OffsetResetPlanner {
    enum Scenario: Sendable, Hashable {
        case toOffset(Int64)
        case toEarliest
        case toLatest
        case toCurrent
        case shiftBy(Int64)
        /// `--to-datetime` or `--by-duration`, already turned into a timestamp.
        case toTimestamp(Int64)
        case fromFile([String: [TopicPartition: Int64]])
    }

    static let logger = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"

    let calls: GroupCalls
    let output: ToolOutput

    /// nil: the group has no plan in the file (already reported).
    func plan(_ group: String, partitions: [TopicPartition], scenario: Scenario) async throws
        -> [TopicPartition: Int64]?
    {
        switch scenario {
        case .toOffset(let offset):
            return try await clamp(Dictionary(uniqueKeysWithValues: Set(partitions).map { ($0, offset) }))
        case .toEarliest:
            return try await logOffsets(partitions, .earliest)
        case .toLatest:
            return try await logOffsets(partitions, .latest)
        case .shiftBy(let shift):
            let committed = try await calls.committed(group)
            var requested: [TopicPartition: Int64] = [:]
            for partition in GroupsDescriber.sorted(partitions) {
                guard let current = committed[partition] else {
                    throw GroupsFailure.usage(
                        "Cannot shift offset for partition \(partition) since there is no current committed offset")
                }
                requested[partition] = current.offset &+ shift
            }
            return try await clamp(requested)
        case .toTimestamp(let timestamp):
            return try await byTimestamp(partitions, timestamp)
        case .fromFile(let file):
            guard let requested = file[group] else {
                output.line("\nError: No reset plan for group \(group) found.")
                return nil
            }
            return try await clamp(requested)
        case .toCurrent:
            let committed = try await calls.committed(group)
            let missing = partitions.filter { committed[$0] == nil }
            var result = try await logOffsets(missing, .latest)
            for partition in partitions { if let current = committed[partition] { result[partition] = current.offset } }
            return result
        }
    }

    private func logOffsets(_ partitions: [TopicPartition], _ spec: OffsetSpec) async throws -> [TopicPartition: Int64] {
        try await calls.offsets(partitions, spec).mapValues(\.offset)
    }

    /// `getLogTimestampOffsets`: partitions with no record at or after the time fall back to the log end.
    private func byTimestamp(_ partitions: [TopicPartition], _ timestamp: Int64) async throws -> [TopicPartition: Int64] {
        let found = try await calls.offsets(partitions, .timestamp(timestamp))
        var result: [TopicPartition: Int64] = [:]
        var empty: [TopicPartition] = []
        for partition in GroupsDescriber.sorted(partitions) {
            if let offset = found[partition]?.offset, offset >= 0 { result[partition] = offset } else { empty.append(partition) }
        }
        for partition in empty {
            output.line(
                "\nWarn: Partition \(partition.partition) from topic \(partition.topic) is empty. Falling back to latest known offset.")
        }
        for (partition, end) in try await logOffsets(empty, .latest) { result[partition] = end }
        return result
    }

    /// `checkOffsetsRange`: above the log end becomes the log end, below the log start the log start.
    private func clamp(_ requested: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64] {
        let partitions = Array(requested.keys)
        let starts = try await logOffsets(partitions, .earliest)
        let ends = try await logOffsets(partitions, .latest)
        var result: [TopicPartition: Int64] = [:]
        for partition in GroupsDescriber.sorted(partitions) {
            guard let offset = requested[partition] else { continue }
            if let end = ends[partition], offset > end {
                warn("New offset (\(offset)) is higher than latest offset for topic partition \(partition). Value will be set to \(end).")
                result[partition] = end
            } else if let start = starts[partition], offset < start {
                warn("New offset (\(offset)) is lower than earliest offset for topic partition \(partition). Value will be set to \(start).")
                result[partition] = start
            } else {
                result[partition] = offset
            }
        }
        return result
    }

    private func warn(_ message: String) {
        output.errorLine(LogLine.format(level: "WARN", message: message, logger: Self.logger))
    }
}
