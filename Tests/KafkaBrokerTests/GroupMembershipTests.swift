import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

/// The classic group state machine through the wire: joins, syncs, heartbeats, leaves and session expiry.
@Suite struct GroupMembershipTests {
    @Test func twoStepJoinThenLeaderAndFollowerSync() async throws {
        // A longer initial delay, so that both members land in the first generation even on a loaded machine.
        try await TestBroker.with(extra: Groups.config.merging(["group.initial.rebalance.delay.ms": "1000"]) { _, new in new }) {
            broker in
            let a = try await TestConnection(port: broker.port)
            let b = try await TestConnection(port: broker.port)
            let firstA = try await Groups.join(a, group: "g")
            #expect(firstA.errorCode == ErrorCode.memberIdRequired.rawValue)
            #expect(firstA.memberId.hasPrefix("test-"))
            #expect(firstA.generationId == -1)
            async let joinedA = Groups.join(a, group: "g", memberId: firstA.memberId)
            // a is a member (and so the leader) once the group is rebalancing; then b joins.
            let observer = try await TestConnection(port: broker.port)
            let waitStarted = ContinuousClock.now
            while try await Groups.describe(observer, "g").members.isEmpty, ContinuousClock.now - waitStarted < .seconds(5) {
                try await Task.sleep(for: .milliseconds(20))
            }
            // Before v4 there is no second step.
            async let joinedB = Groups.join(b, group: "g", version: 3)
            let (leader, follower) = try await (joinedA, joinedB)
            #expect(leader.errorCode == 0 && follower.errorCode == 0)
            #expect(leader.generationId == 1 && follower.generationId == 1)
            #expect(leader.leader == firstA.memberId && follower.leader == firstA.memberId)
            #expect(leader.protocolName == "range" && leader.protocolType == "consumer")
            #expect(Set(leader.members.map(\.memberId)) == [leader.memberId, follower.memberId])
            #expect(follower.members.isEmpty)
            #expect(try await Groups.describe(a, "g").groupState == "CompletingRebalance")

            // The follower waits for the leader's assignment.
            async let followerSync = Groups.sync(b, group: "g", generation: 1, memberId: follower.memberId)
            try await Task.sleep(for: .milliseconds(50))
            let assignments = [leader.memberId: ByteBuffer(string: "A"), follower.memberId: ByteBuffer(string: "B")]
            let leaderSync = try await Groups.sync(
                a, group: "g", generation: 1, memberId: leader.memberId, assignments: assignments)
            #expect(leaderSync.errorCode == 0 && leaderSync.assignment == ByteBuffer(string: "A"))
            #expect(leaderSync.protocolName == "range")
            #expect(try await followerSync.assignment == ByteBuffer(string: "B"))

            let described = try await Groups.describe(a, "g")
            #expect(described.groupState == "Stable" && described.protocolData == "range")
            #expect(described.members.count == 2)
            #expect(described.members.first { $0.memberId == follower.memberId }?.memberAssignment == ByteBuffer(string: "B"))
            #expect(described.members.allSatisfy { $0.clientHost == "/127.0.0.1" && $0.clientId == "test" })
            #expect(try await Groups.heartbeat(b, group: "g", generation: 1, memberId: follower.memberId) == .noError)
            #expect(try await Groups.heartbeat(b, group: "g", generation: 0, memberId: follower.memberId) == .illegalGeneration)
            #expect(try await Groups.heartbeat(b, group: "g", generation: 1, memberId: "nobody") == .unknownMemberId)
            // A Stable group hands out the stored assignment again.
            let again = try await Groups.sync(b, group: "g", generation: 1, memberId: follower.memberId)
            #expect(again.assignment == ByteBuffer(string: "B"))
        }
    }

    @Test func initialDelayHoldsTheFirstRebalance() async throws {
        try await TestBroker.with(extra: Groups.config.merging(["group.initial.rebalance.delay.ms": "400"]) { _, new in new }) {
            broker in
            let c = try await TestConnection(port: broker.port)
            let started = ContinuousClock.now
            let joined = try await Groups.join(c, group: "g", version: 3)
            let elapsed = ContinuousClock.now - started
            #expect(joined.errorCode == 0 && joined.generationId == 1 && joined.leader == joined.memberId)
            // At least the delay; the upper bound is generous for a loaded machine.
            #expect(elapsed >= .milliseconds(380) && elapsed < .seconds(10))
            // A retried join while CompletingRebalance gets the same generation back.
            #expect(try await Groups.join(c, group: "g", memberId: joined.memberId, version: 3).generationId == 1)
            _ = try await Groups.sync(c, group: "g", generation: 1, memberId: joined.memberId, assignments: [joined.memberId: ByteBuffer()])
            // A later rebalance (the leader rejoins a Stable group) does not wait for the delay.
            let again = ContinuousClock.now
            let rejoined = try await Groups.join(c, group: "g", memberId: joined.memberId, version: 3)
            #expect(rejoined.generationId == 2)
            #expect(ContinuousClock.now - again < .milliseconds(380))
        }
    }

    @Test func aJoiningMemberMakesTheOthersRejoin() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let members = try await Groups.stableGroup(broker, group: "g", count: 1)
            let a = members[0]
            let b = try await TestConnection(port: broker.port)
            let first = try await Groups.join(b, group: "g")
            async let bJoined = Groups.join(b, group: "g", memberId: first.memberId)
            // The newcomer's join starts a rebalance; the old member learns it from its heartbeat.
            var code: ErrorCode? = .noError
            for _ in 0..<100 where code == .noError {
                code = try await Groups.heartbeat(a.connection, group: "g", generation: 1, memberId: a.memberId)
                if code == .noError { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(code == .rebalanceInProgress)
            #expect(try await Groups.describe(a.connection, "g").groupState == "PreparingRebalance")
            #expect(try await Groups.sync(a.connection, group: "g", generation: 1, memberId: a.memberId).errorCode
                == ErrorCode.rebalanceInProgress.rawValue)
            let aJoined = try await Groups.join(a.connection, group: "g", memberId: a.memberId)
            let bAnswer = try await bJoined
            #expect(aJoined.generationId == 2 && bAnswer.generationId == 2)
            #expect(aJoined.leader == a.memberId && aJoined.members.count == 2)
        }
    }

    @Test func sessionExpiryRemovesTheSilentMember() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            // 1.5 s: long enough for the two-step joins on a loaded machine, short enough for a quick test.
            let members = try await Groups.stableGroup(broker, group: "g", count: 2, sessionMs: 1_500)
            let (a, b) = (members[0], members[1])
            // a keeps heartbeating, b goes silent: within its session timeout (generous bound) a must rejoin.
            let started = ContinuousClock.now
            var code: ErrorCode? = .noError
            while code == .noError, ContinuousClock.now - started < .seconds(10) {
                try await Task.sleep(for: .milliseconds(100))
                code = try await Groups.heartbeat(a.connection, group: "g", generation: a.generation, memberId: a.memberId)
            }
            #expect(code == .rebalanceInProgress)
            #expect(ContinuousClock.now - started >= .milliseconds(500))
            let rejoined = try await Groups.join(a.connection, group: "g", memberId: a.memberId, sessionMs: 1_500)
            #expect(rejoined.generationId == a.generation + 1 && rejoined.members.map(\.memberId) == [a.memberId])
            #expect(try await Groups.heartbeat(b.connection, group: "g", generation: b.generation, memberId: b.memberId)
                == .unknownMemberId)
        }
    }

    @Test func leaveEmptiesTheGroupAndListGroupsFiltersByState() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let left = try await Groups.stableGroup(broker, group: "leaving", count: 2)
            _ = try await Groups.stableGroup(broker, group: "staying", count: 1)
            let admin = try await TestConnection(port: broker.port)
            let answer = try await Groups.leave(admin, group: "leaving", memberIds: left.map(\.memberId) + ["ghost"])
            #expect(answer.errorCode == 0)
            #expect(answer.members.map(\.errorCode) == [0, 0, ErrorCode.unknownMemberId.rawValue])
            let described = try await Groups.describe(admin, "leaving")
            #expect(described.groupState == "Empty" && described.members.isEmpty && described.protocolType == "consumer")

            #expect(try await Groups.list(admin) == ["leaving": "Empty", "staying": "Stable"])
            #expect(try await Groups.list(admin, states: ["empty"]) == ["leaving": "Empty"])
            #expect(try await Groups.list(admin, states: ["Stable"]) == ["staying": "Stable"])
            #expect(try await Groups.list(admin, states: ["Dead"]).isEmpty)
            // v0–v2 leave one member and report its error at the top.
            var single = LeaveGroupRequest()
            single.groupId = "staying"
            single.memberId = "ghost"
            #expect(try await admin.roundTrip(single, version: 1).body.errorCode == ErrorCode.unknownMemberId.rawValue)
        }
    }

    @Test func joinValidation() async throws {
        try await TestBroker.with(extra: Groups.config.merging(["group.max.size": "1"]) { _, new in new }) { broker in
            let a = try await TestConnection(port: broker.port)
            #expect(try await Groups.join(a, group: "g", sessionMs: 50).errorCode == ErrorCode.invalidSessionTimeout.rawValue)
            #expect(try await Groups.join(a, group: "").errorCode == ErrorCode.invalidGroupId.rawValue)
            #expect(try await Groups.join(a, group: "g", memberId: "stale").errorCode == ErrorCode.unknownMemberId.rawValue)
            _ = try await Groups.stableGroup(broker, group: "g", count: 1)
            let b = try await TestConnection(port: broker.port)
            #expect(try await Groups.join(b, group: "g").errorCode == ErrorCode.groupMaxSizeReached.rawValue)
            let other = try await Groups.join(b, group: "g", protocols: [("roundrobin", ByteBuffer())], version: 3)
            #expect(other.errorCode == ErrorCode.groupMaxSizeReached.rawValue)
        }
    }

    @Test func protocolChosenByVoteAmongCommonOnes() async throws {
        let group = ClassicGroup(groupId: "g", now: 0)
        func member(_ id: String, _ names: [String]) -> GroupMember {
            GroupMember(
                memberId: id, clientId: "c", clientHost: "/h", rebalanceTimeoutMs: 1, sessionTimeoutMs: 1,
                protocolType: "consumer", protocols: names.map { MemberProtocol(name: $0, metadata: ByteBuffer()) },
                heartbeatDeadline: .now)
        }
        group.add(member("a", ["range", "roundrobin", "sticky"]))
        group.add(member("b", ["roundrobin", "range"]))
        group.add(member("c", ["roundrobin", "range", "sticky"]))
        group.transition(to: .preparingRebalance, now: 0)
        // sticky is not common; roundrobin is preferred by two of three.
        #expect(group.selectProtocol() == "roundrobin")
        #expect(group.supports(protocolType: "consumer", protocols: [MemberProtocol(name: "range", metadata: ByteBuffer())]))
        #expect(!group.supports(protocolType: "consumer", protocols: [MemberProtocol(name: "sticky", metadata: ByteBuffer())]))
        #expect(!group.supports(protocolType: "connect", protocols: [MemberProtocol(name: "range", metadata: ByteBuffer())]))
    }
}
