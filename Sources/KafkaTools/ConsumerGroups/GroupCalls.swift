import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// The admin calls as the tool makes them: each bounded by `--timeout`, a missing group read as `Dead` (as
/// Apache's admin client reports it), `--list` limited to consumer groups.
struct GroupCalls: Sendable {
    let admin: any GroupAdminOperations
    let timeoutMs: Int64

    var deadline: ContinuousClock.Instant { .now + .milliseconds(timeoutMs) }

    /// `listConsumerGroups`: groups of the consumer protocol (or of none, as classic groups without members are).
    func consumerGroups(states: [String] = [], types: [String] = []) async throws -> [GroupListing] {
        try await admin.listGroups(states: states, types: types, deadline: deadline)
            .filter { $0.protocolType == "consumer" || $0.protocolType.isEmpty }
    }

    func describe(_ groupId: String) async throws -> GroupDescription {
        do {
            guard let found = try await admin.describeGroups([groupId], deadline: deadline).first else {
                return Self.dead(groupId)
            }
            return found
        } catch KafkaClientError.broker(let error) where error.code == .groupIdNotFound {
            return Self.dead(groupId)
        }
    }

    static func dead(_ groupId: String) -> GroupDescription {
        GroupDescription(
            groupId: groupId, state: "Dead", protocolType: "", protocolName: "", coordinator: nil, members: [])
    }

    func committed(_ groupId: String) async throws -> [TopicPartition: CommittedOffset] {
        try await admin.listGroupOffsets(groupId, partitions: nil, deadline: deadline)
    }

    func offsets(_ partitions: [TopicPartition], _ spec: OffsetSpec) async throws -> [TopicPartition: ListedOffset] {
        guard !partitions.isEmpty else { return [:] }
        let requests = Dictionary(uniqueKeysWithValues: Set(partitions).map { ($0, spec) })
        return try await admin.listOffsets(requests, isolationLevel: .readUncommitted, deadline: deadline)
    }

    func topics(_ names: [String]) async throws -> [TopicDescription] {
        guard !names.isEmpty else { return [] }
        return try await admin.describeTopics(names, partitionLimitPerResponse: 2000, deadline: deadline)
    }
}
