import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

/// Static membership (group.instance.id): restarts without rebalance, and fencing of zombies.
@Suite struct GroupStaticMembershipTests {
    /// Two static members, Stable at generation 1; returns (connection, member id) of each.
    private static func stableStaticGroup(_ broker: TestBroker) async throws -> [(TestConnection, String)] {
        let a = try await TestConnection(port: broker.port)
        let b = try await TestConnection(port: broker.port)
        // Static members get their id on the first join (no MEMBER_ID_REQUIRED).
        async let joinA = Groups.join(a, group: "s", instanceId: "ia")
        async let joinB = Groups.join(b, group: "s", instanceId: "ib")
        let (ja, jb) = try await (joinA, joinB)
        #expect(ja.errorCode == 0 && jb.errorCode == 0 && ja.generationId == 1)
        #expect(ja.memberId.hasPrefix("ia-") && jb.memberId.hasPrefix("ib-"))
        let leader = ja.leader == ja.memberId ? (a, ja.memberId, "ia") : (b, jb.memberId, "ib")
        let follower = ja.leader == ja.memberId ? (b, jb.memberId, "ib") : (a, ja.memberId, "ia")
        let assignments = [ja.memberId: ByteBuffer(string: "for-a"), jb.memberId: ByteBuffer(string: "for-b")]
        async let followerSync = Groups.sync(follower.0, group: "s", generation: 1, memberId: follower.1, instanceId: follower.2)
        let leaderSync = try await Groups.sync(
            leader.0, group: "s", generation: 1, memberId: leader.1, instanceId: leader.2, assignments: assignments)
        #expect(leaderSync.errorCode == 0)
        #expect(try await followerSync.errorCode == 0)
        return [(a, ja.memberId), (b, jb.memberId)]
    }

    @Test(arguments: [Int16(5), 9])
    func restartedStaticMemberGetsItsAssignmentBackWithoutRebalance(version: Int16) async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let members = try await Self.stableStaticGroup(broker)
            let (a, oldA) = members[0]
            let (b, idB) = members[1]
            let leaderBefore = try await Groups.describe(b, "s").members.map(\.memberId)
            try await Groups.createTopic(b)

            // "ia" restarts: a new connection, no member id, the same protocols.
            let restarted = try await TestConnection(port: broker.port)
            let rejoin = try await Groups.join(restarted, group: "s", instanceId: "ia", version: version)
            #expect(rejoin.errorCode == 0)
            #expect(rejoin.generationId == 1)
            #expect(rejoin.memberId != oldA && rejoin.memberId.hasPrefix("ia-"))
            let sync = try await Groups.sync(restarted, group: "s", generation: 1, memberId: rejoin.memberId, instanceId: "ia")
            #expect(sync.errorCode == 0 && sync.assignment == ByteBuffer(string: "for-a"))

            // No rebalance: b is still in generation 1 and the group Stable.
            #expect(try await Groups.heartbeat(b, group: "s", generation: 1, memberId: idB, instanceId: "ib") == .noError)
            let described = try await Groups.describe(b, "s")
            #expect(described.groupState == "Stable")
            #expect(Set(described.members.map(\.memberId)) == [rejoin.memberId, idB])
            #expect(leaderBefore.count == 2)
            // The old instance is a zombie now.
            #expect(try await Groups.heartbeat(a, group: "s", generation: 1, memberId: oldA, instanceId: "ia") == .fencedInstanceId)
            #expect(try await Groups.commit(a, group: "s", generation: 1, memberId: oldA, instanceId: "ia", offsets: [0: 1])
                == [.fencedInstanceId])
        }
    }

    @Test func duplicateInstanceIdIsFenced() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let members = try await Self.stableStaticGroup(broker)
            let (a, idA) = members[0]
            let other = try await TestConnection(port: broker.port)
            // A join that names the instance with another member id.
            let fenced = try await Groups.join(other, group: "s", memberId: "ia-someone-else", instanceId: "ia")
            #expect(fenced.errorCode == ErrorCode.fencedInstanceId.rawValue)
            let sync = try await Groups.sync(other, group: "s", generation: 1, memberId: "ia-someone-else", instanceId: "ia")
            #expect(sync.errorCode == ErrorCode.fencedInstanceId.rawValue)
            var leave = LeaveGroupRequest()
            leave.groupId = "s"
            leave.members = [LeaveGroupRequest.MemberIdentity(memberId: "ia-someone-else", groupInstanceId: "ia")]
            #expect(try await other.roundTrip(leave, version: 5).body.members.first?.errorCode
                == ErrorCode.fencedInstanceId.rawValue)
            // The real member is untouched.
            #expect(try await Groups.heartbeat(a, group: "s", generation: 1, memberId: idA, instanceId: "ia") == .noError)
            // Removal by instance id alone (administrative leave).
            leave.members = [LeaveGroupRequest.MemberIdentity(memberId: "", groupInstanceId: "ia")]
            #expect(try await other.roundTrip(leave, version: 5).body.members.first?.errorCode == 0)
            #expect(try await Groups.heartbeat(a, group: "s", generation: 1, memberId: idA, instanceId: "ia") == .unknownMemberId)
        }
    }
}
