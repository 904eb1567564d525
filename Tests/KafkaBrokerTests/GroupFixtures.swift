import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

/// Raw group requests for the coordinator tests. Each member uses its own connection, since a connection answers
/// one request at a time and JoinGroup/SyncGroup wait for the rest of the group.
enum Groups {
    /// Fast groups for tests: a short initial delay, short allowed session timeouts, and a small offsets topic (the
    /// in-memory file system really allocates each partition's preallocated index files).
    static let config = [
        "group.initial.rebalance.delay.ms": "500", "group.min.session.timeout.ms": "100",
        "offsets.topic.num.partitions": "1",
    ]

    /// A consumer subscription (ConsumerProtocolSubscription v0 with its version prefix).
    static func subscription(_ topics: [String]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int16(0))
        try? ConsumerProtocolSubscription(topics: topics).write(into: &buffer, version: 0)
        return buffer
    }

    static func join(
        _ connection: TestConnection, group: String, memberId: String = "", instanceId: String? = nil,
        sessionMs: Int32 = 10_000, rebalanceMs: Int32 = 10_000, protocols: [(String, ByteBuffer)]? = nil,
        version: Int16 = 9
    ) async throws -> JoinGroupResponse {
        var request = JoinGroupRequest()
        request.groupId = group
        request.memberId = memberId
        request.groupInstanceId = instanceId
        request.sessionTimeoutMs = sessionMs
        request.rebalanceTimeoutMs = rebalanceMs
        request.protocolType = "consumer"
        request.protocols = (protocols ?? [("range", subscription(["t"]))]).map {
            JoinGroupRequest.JoinGroupRequestProtocol(name: $0.0, metadata: $0.1)
        }
        return try await connection.roundTrip(request, version: version).body
    }

    /// Both steps of a v4+ join of a new dynamic member.
    static func joinNew(
        _ connection: TestConnection, group: String, sessionMs: Int32 = 10_000, rebalanceMs: Int32 = 10_000,
        protocols: [(String, ByteBuffer)]? = nil
    ) async throws -> JoinGroupResponse {
        let first = try await join(connection, group: group, sessionMs: sessionMs, rebalanceMs: rebalanceMs, protocols: protocols)
        #expect(first.errorCode == ErrorCode.memberIdRequired.rawValue)
        return try await join(
            connection, group: group, memberId: first.memberId, sessionMs: sessionMs, rebalanceMs: rebalanceMs,
            protocols: protocols)
    }

    static func sync(
        _ connection: TestConnection, group: String, generation: Int32, memberId: String, instanceId: String? = nil,
        assignments: [String: ByteBuffer] = [:]
    ) async throws -> SyncGroupResponse {
        var request = SyncGroupRequest()
        request.groupId = group
        request.generationId = generation
        request.memberId = memberId
        request.groupInstanceId = instanceId
        request.protocolType = "consumer"
        request.assignments = assignments.sorted { $0.key < $1.key }.map {
            SyncGroupRequest.SyncGroupRequestAssignment(memberId: $0.key, assignment: $0.value)
        }
        return try await connection.roundTrip(request, version: 5).body
    }

    static func heartbeat(
        _ connection: TestConnection, group: String, generation: Int32, memberId: String, instanceId: String? = nil
    ) async throws -> ErrorCode? {
        var request = HeartbeatRequest()
        request.groupId = group
        request.generationId = generation
        request.memberId = memberId
        request.groupInstanceId = instanceId
        return ErrorCode(rawValue: try await connection.roundTrip(request, version: 4).body.errorCode)
    }

    static func leave(_ connection: TestConnection, group: String, memberIds: [String]) async throws -> LeaveGroupResponse {
        var request = LeaveGroupRequest()
        request.groupId = group
        request.members = memberIds.map { LeaveGroupRequest.MemberIdentity(memberId: $0) }
        return try await connection.roundTrip(request, version: 5).body
    }

    static func commit(
        _ connection: TestConnection, group: String, generation: Int32 = -1, memberId: String = "",
        instanceId: String? = nil, topic: String = "t", offsets: [Int32: Int64], version: Int16 = 9
    ) async throws -> [ErrorCode?] {
        var request = OffsetCommitRequest()
        request.groupId = group
        request.generationIdOrMemberEpoch = generation
        request.memberId = memberId
        request.groupInstanceId = instanceId
        var entry = OffsetCommitRequest.OffsetCommitRequestTopic()
        entry.name = topic
        entry.partitions = offsets.sorted { $0.key < $1.key }.map {
            var partition = OffsetCommitRequest.OffsetCommitRequestPartition()
            partition.partitionIndex = $0.key
            partition.committedOffset = $0.value
            partition.committedMetadata = "m"
            return partition
        }
        request.topics = [entry]
        let response = try await connection.roundTrip(request, version: version).body
        return response.topics.flatMap(\.partitions).map { ErrorCode(rawValue: $0.errorCode) }
    }

    /// Committed offsets by partition (v7, single group).
    static func fetch(
        _ connection: TestConnection, group: String, topic: String = "t", partitions: [Int32], requireStable: Bool = false
    ) async throws -> [Int32: Int64] {
        var request = OffsetFetchRequest()
        request.groupId = group
        request.topics = [OffsetFetchRequest.OffsetFetchRequestTopic(name: topic, partitionIndexes: partitions)]
        request.requireStable = requireStable
        let response = try await connection.roundTrip(request, version: 7).body
        #expect(response.errorCode == 0)
        var result: [Int32: Int64] = [:]
        for partition in response.topics.flatMap(\.partitions) { result[partition.partitionIndex] = partition.committedOffset }
        return result
    }

    static func describe(_ connection: TestConnection, _ group: String, version: Int16 = 5) async throws
        -> DescribeGroupsResponse.DescribedGroup
    {
        let response = try await connection.roundTrip(DescribeGroupsRequest(groups: [group]), version: version).body
        return try #require(response.groups.first)
    }

    static func list(_ connection: TestConnection, states: [String] = []) async throws -> [String: String] {
        var request = ListGroupsRequest()
        request.statesFilter = states
        let response = try await connection.roundTrip(request, version: 5).body
        return Dictionary(uniqueKeysWithValues: response.groups.map { ($0.groupId, $0.groupState) })
    }

    static func delete(_ connection: TestConnection, _ groups: [String]) async throws -> [ErrorCode?] {
        let response = try await connection.roundTrip(DeleteGroupsRequest(groupsNames: groups), version: 2).body
        return response.results.map { ErrorCode(rawValue: $0.errorCode) }
    }

    /// Creates topic `t` with `partitions` partitions through CreateTopics.
    static func createTopic(_ connection: TestConnection, _ name: String = "t", partitions: Int32 = 3) async throws {
        var request = CreateTopicsRequest()
        var topic = CreateTopicsRequest.CreatableTopic()
        topic.name = name
        topic.numPartitions = partitions
        topic.replicationFactor = 1
        request.topics = [topic]
        request.timeoutMs = 10_000
        let response = try await connection.roundTrip(request, version: 5).body
        #expect(response.topics.first?.errorCode == 0)
    }

    /// A stable group of `count` dynamic members on their own connections; the first is the leader.
    struct Member {
        let connection: TestConnection
        var memberId: String
        var generation: Int32
    }

    static func stableGroup(
        _ broker: TestBroker, group: String, count: Int, sessionMs: Int32 = 10_000
    ) async throws -> [Member] {
        var connections: [TestConnection] = []
        for _ in 0..<count { connections.append(try await TestConnection(port: broker.port)) }
        let joined = try await withThrowingTaskGroup(of: (Int, JoinGroupResponse).self) { tasks in
            for (index, connection) in connections.enumerated() {
                tasks.addTask { (index, try await joinNew(connection, group: group, sessionMs: sessionMs)) }
            }
            var answers: [Int: JoinGroupResponse] = [:]
            for try await (index, answer) in tasks { answers[index] = answer }
            return answers
        }
        var members: [Member] = []
        for index in 0..<count {
            let answer = try #require(joined[index])
            #expect(answer.errorCode == 0)
            members.append(Member(connection: connections[index], memberId: answer.memberId, generation: answer.generationId))
        }
        let leaderId = try #require(joined[0]?.leader)
        let assignments = Dictionary(uniqueKeysWithValues: members.map { ($0.memberId, ByteBuffer(string: "to-\($0.memberId)")) })
        try await withThrowingTaskGroup(of: SyncGroupResponse.self) { tasks in
            for member in members {
                tasks.addTask {
                    try await sync(
                        member.connection, group: group, generation: member.generation, memberId: member.memberId,
                        assignments: member.memberId == leaderId ? assignments : [:])
                }
            }
            for try await answer in tasks { #expect(answer.errorCode == 0) }
        }
        // The leader first, as the tests expect.
        return members.filter { $0.memberId == leaderId } + members.filter { $0.memberId != leaderId }
    }
}

/// Group tests hand a member's connection to the task that waits in JoinGroup/SyncGroup and use it again once
/// that task is done; a connection is never used by two tasks at once.
extension TestConnection: @unchecked Sendable {}
