import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

/// OffsetCommit/OffsetFetch rules, persistence in __consumer_offsets, DeleteGroups and OffsetDelete.
@Suite struct GroupOffsetsTests {
    @Test func commitsAreCheckedAgainstTheGeneration() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let admin = try await TestConnection(port: broker.port)
            try await Groups.createTopic(admin)
            let members = try await Groups.stableGroup(broker, group: "g", count: 1)
            let m = members[0]
            let c = m.connection
            #expect(try await Groups.commit(c, group: "g", generation: 1, memberId: m.memberId, offsets: [0: 5, 1: 7]) == [.noError, .noError])
            #expect(try await Groups.commit(c, group: "g", generation: 2, memberId: m.memberId, offsets: [0: 6]) == [.illegalGeneration])
            #expect(try await Groups.commit(c, group: "g", generation: 1, memberId: "nobody", offsets: [0: 6]) == [.unknownMemberId])
            // A standalone commit into a group that has members.
            #expect(try await Groups.commit(c, group: "g", offsets: [0: 6]) == [.unknownMemberId])
            #expect(try await Groups.commit(c, group: "g", generation: 1, memberId: m.memberId, topic: "nope", offsets: [0: 1])
                == [.unknownTopicOrPartition])
            #expect(try await Groups.commit(c, group: "g", generation: 1, memberId: m.memberId, offsets: [9: 1])
                == [.unknownTopicOrPartition])
            #expect(try await Groups.fetch(admin, group: "g", partitions: [0, 1, 2]) == [0: 5, 1: 7, 2: -1])

            // While the group waits for the leader's SyncGroup, commits are refused with REBALANCE_IN_PROGRESS.
            let b = try await TestConnection(port: broker.port)
            let first = try await Groups.join(b, group: "g")
            async let bJoin = Groups.join(b, group: "g", memberId: first.memberId)
            // The commit in PreparingRebalance is still accepted.
            #expect(try await Groups.commit(c, group: "g", generation: 1, memberId: m.memberId, offsets: [2: 3]) == [.noError])
            let rejoin = try await Groups.join(c, group: "g", memberId: m.memberId)
            _ = try await bJoin
            #expect(try await Groups.commit(c, group: "g", generation: rejoin.generationId, memberId: m.memberId, offsets: [2: 4])
                == [.rebalanceInProgress])
        }
    }

    @Test func standaloneCommitsAndUnknownGroups() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            // Generation -1 and no member id: a group created only to hold offsets.
            #expect(try await Groups.commit(c, group: "simple", offsets: [0: 42]) == [.noError])
            #expect(try await Groups.fetch(c, group: "simple", partitions: [0, 1]) == [0: 42, 1: -1])
            #expect(try await Groups.list(c) == ["simple": "Empty"])
            #expect(try await Groups.describe(c, "simple").protocolType == "")
            // A generation for a group that does not exist.
            #expect(try await Groups.commit(c, group: "none", generation: 3, memberId: "m", offsets: [0: 1], version: 8) == [.illegalGeneration])
            #expect(try await Groups.commit(c, group: "none", generation: 3, memberId: "m", offsets: [0: 1], version: 9) == [.groupIdNotFound])
            #expect(try await Groups.fetch(c, group: "none", partitions: [0]) == [0: -1])
            let unknown = try await Groups.describe(c, "none", version: 6)
            #expect(unknown.groupState == "Dead" && unknown.errorCode == ErrorCode.groupIdNotFound.rawValue)
            #expect(try await Groups.describe(c, "none", version: 5).errorCode == 0)
            // v8: several groups at once; a null topic list means everything the group has.
            var request = OffsetFetchRequest()
            request.groups = [
                OffsetFetchRequest.OffsetFetchRequestGroup(groupId: "simple", topics: nil),
                OffsetFetchRequest.OffsetFetchRequestGroup(groupId: "none", topics: nil),
            ]
            let answer = try await c.roundTrip(request, version: 8).body
            #expect(answer.groups.map(\.groupId) == ["simple", "none"])
            #expect(answer.groups[0].topics.first?.partitions.map(\.committedOffset) == [42])
            #expect(answer.groups[0].topics.first?.partitions.first?.metadata == "m")
            #expect(answer.groups[1].topics.isEmpty)
        }
    }

    @Test func offsetsAndGroupsSurviveARestart() async throws {
        let disk = InMemoryFileSystem()
        try await TestBroker.with(extra: Groups.config, fileSystem: disk) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            let members = try await Groups.stableGroup(broker, group: "g", count: 1)
            let m = members[0]
            #expect(try await Groups.commit(m.connection, group: "g", generation: 1, memberId: m.memberId, offsets: [0: 10, 2: 12]) == [.noError, .noError])
            #expect(try await Groups.commit(c, group: "simple", offsets: [1: 99]) == [.noError])
            #expect(try await Groups.commit(c, group: "doomed", offsets: [1: 1]) == [.noError])
            #expect(try await Groups.delete(c, ["doomed"]) == [.noError])
        }
        try await TestBroker.with(extra: Groups.config, fileSystem: disk) { broker in
            let c = try await TestConnection(port: broker.port)
            #expect(try await Groups.fetch(c, group: "g", partitions: [0, 1, 2]) == [0: 10, 1: -1, 2: 12])
            #expect(try await Groups.fetch(c, group: "simple", partitions: [1]) == [1: 99])
            #expect(try await Groups.fetch(c, group: "doomed", partitions: [1]) == [1: -1])
            // The group comes back Stable with its member and assignment, until the member's session runs out.
            let described = try await Groups.describe(c, "g")
            #expect(described.groupState == "Stable" && described.protocolData == "range")
            #expect(described.members.first?.memberAssignment.readableBytes ?? 0 > 0)
            #expect(try await Groups.list(c) == ["g": "Stable", "simple": "Empty"])
        }
    }

    @Test func recordsUseKafkasLayout() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            #expect(try await Groups.commit(c, group: "group_01", offsets: [0: 7]) == [.noError])
            #expect(await broker.server.groupCoordinator.partitionFor("group_01") == 0)
            let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "__consumer_offsets", partition: 0)))
            let read = try await log.read(from: 0, maxBytes: 1 << 20)
            let entries = try RecordBatchReader.entries(of: read.records)
            guard case .batch(let batch) = try #require(entries.first) else { throw TestFailure("not a v2 batch") }
            var records = try batch.records()
            let record = try #require(try records.next())
            var key = try #require(record.key)
            var value = try #require(record.value)
            #expect(try key.readKafkaInt16() == 1)
            #expect(try OffsetCommitKey(from: &key, version: 1) == OffsetCommitKey(group: "group_01", topic: "t", partition: 0))
            #expect(try value.readKafkaInt16() == 3)
            let decoded = try OffsetCommitValue(from: &value, version: 3)
            #expect(decoded.offset == 7 && decoded.metadata == "m" && decoded.leaderEpoch == -1)
            #expect(value.readableBytes == 0)
            let topics = try await c.roundTrip(MetadataRequest(topics: nil), version: 12).body.topics
            #expect(topics.first { $0.name == "__consumer_offsets" }?.isInternal == true)
            #expect(topics.first { $0.name == "__consumer_offsets" }?.partitions.count == 1)
        }
    }

    @Test func deleteGroupsRefusesGroupsWithMembers() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            let members = try await Groups.stableGroup(broker, group: "busy", count: 1)
            #expect(try await Groups.commit(c, group: "idle", offsets: [0: 1]) == [.noError])
            #expect(try await Groups.delete(c, ["busy", "idle", "ghost"]) == [.nonEmptyGroup, .noError, .groupIdNotFound])
            #expect(try await Groups.fetch(c, group: "idle", partitions: [0]) == [0: -1])
            _ = try await Groups.leave(c, group: "busy", memberIds: [members[0].memberId])
            #expect(try await Groups.delete(c, ["busy"]) == [.noError])
            #expect(try await Groups.list(c).isEmpty)
        }
    }

    @Test func offsetDeleteSparesSubscribedTopics() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            try await Groups.createTopic(c, "u", partitions: 1)
            let members = try await Groups.stableGroup(broker, group: "g", count: 1)
            let m = members[0]
            _ = try await Groups.commit(m.connection, group: "g", generation: 1, memberId: m.memberId, offsets: [0: 3])
            _ = try await Groups.commit(m.connection, group: "g", generation: 1, memberId: m.memberId, topic: "u", offsets: [0: 4])
            var request = OffsetDeleteRequest()
            request.groupId = "g"
            request.topics = ["t", "u"].map {
                OffsetDeleteRequest.OffsetDeleteRequestTopic(name: $0, partitions: [OffsetDeleteRequest.OffsetDeleteRequestPartition(partitionIndex: 0)])
            }
            let answer = try await c.roundTrip(request, version: 0).body
            #expect(answer.errorCode == 0)
            #expect(answer.topics.map { $0.partitions.map(\.errorCode) } == [[ErrorCode.groupSubscribedToTopic.rawValue], [0]])
            #expect(try await Groups.fetch(c, group: "g", topic: "u", partitions: [0]) == [0: -1])
            #expect(try await Groups.fetch(c, group: "g", partitions: [0]) == [0: 3])
            request.groupId = "ghost"
            #expect(try await c.roundTrip(request, version: 0).body.errorCode == ErrorCode.groupIdNotFound.rawValue)
        }
    }

    @Test func expiredOffsetsOfAnEmptyGroupAreRemoved() async throws {
        let disk = InMemoryFileSystem()
        try await TestBroker.with(extra: Groups.config, fileSystem: disk) { broker in
            let c = try await TestConnection(port: broker.port)
            try await Groups.createTopic(c)
            #expect(try await Groups.commit(c, group: "old", offsets: [0: 1]) == [.noError])
            let coordinator = broker.server.groupCoordinator
            // Not yet expired: kept.
            await coordinator.cleanupGroupMetadata()
            #expect(try await Groups.fetch(c, group: "old", partitions: [0]) == [0: 1])
            // A week (offsets.retention.minutes = 10080) and a minute later.
            await coordinator.cleanupGroupMetadata(at: currentTimeMillis() + 10_081 * 60_000)
            #expect(try await Groups.fetch(c, group: "old", partitions: [0]) == [0: -1])
            #expect(try await Groups.list(c).isEmpty)
        }
        try await TestBroker.with(extra: Groups.config, fileSystem: disk) { broker in
            let c = try await TestConnection(port: broker.port)
            #expect(try await Groups.fetch(c, group: "old", partitions: [0]) == [0: -1])
        }
    }

    @Test func findCoordinatorCreatesTheOffsetsTopic() async throws {
        try await TestBroker.with(extra: Groups.config) { broker in
            let c = try await TestConnection(port: broker.port)
            var request = FindCoordinatorRequest()
            request.key = "g"
            let old = try await c.roundTrip(request, version: 3).body
            #expect(old.errorCode == 0 && old.nodeId == 1 && old.port == Int32(broker.port) && old.errorMessage == "NONE")
            #expect(await broker.topicManager.topic(named: "__consumer_offsets")?.partitions.count == 1)
            request.key = ""
            request.coordinatorKeys = ["a", "b"]
            let batched = try await c.roundTrip(request, version: 4).body
            #expect(batched.coordinators.map(\.key) == ["a", "b"])
            #expect(batched.coordinators.allSatisfy { $0.errorCode == 0 && $0.nodeId == 1 && $0.host == "127.0.0.1" })
            request.keyType = 1
            request.coordinatorKeys = ["txn"]
            let transaction = try await c.roundTrip(request, version: 4).body
            #expect(transaction.coordinators.first?.errorCode == ErrorCode.coordinatorNotAvailable.rawValue)
            #expect(transaction.coordinators.first?.nodeId == -1)
        }
    }

    @Test func partitionForGroupMatchesJava() {
        // String.hashCode computed by hand: "group_01" → 506359745; "my-group" → -1906497762, where Kafka's
        // Utils.abs gives 12 (a mask with 0x7fffffff would give 36); "polygenelubricants" hashes to Integer.MIN_VALUE.
        #expect(OffsetsTopicPartitioner.javaStringHashCode("group_01") == 506_359_745)
        #expect(OffsetsTopicPartitioner.javaStringHashCode("my-group") == -1_906_497_762)
        #expect(OffsetsTopicPartitioner.javaStringHashCode("polygenelubricants") == Int32.min)
        #expect(OffsetsTopicPartitioner.partition(for: "group_01", partitionCount: 50) == 45)
        #expect(OffsetsTopicPartitioner.partition(for: "my-group", partitionCount: 50) == 12)
        #expect(OffsetsTopicPartitioner.partition(for: "polygenelubricants", partitionCount: 50) == 0)
        #expect(OffsetsTopicPartitioner.partition(for: "", partitionCount: 50) == 0)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
