@testable import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOCore
import Testing

@Suite struct ConsumerTests {
    private func produce(_ count: Int, topic: String, partitions: Int32, codec: String, broker: InProcessBroker)
        async throws
    {
        let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
        _ = try await admin.createTopics([NewTopic(name: topic, numPartitions: partitions)])
        await admin.close()
        let producer = try await KafkaProducer(properties: [
            "bootstrap.servers": broker.bootstrap, "compression.type": codec, "linger.ms": "2",
        ])
        await producer.send(
            contentsOf: (0..<count).map {
                ProducerRecord(
                    topic: topic, key: ByteBuffer(string: "k\($0 % 10)"), value: ByteBuffer(string: "value-\($0)"),
                    headers: [RecordHeader(key: "n", value: "\($0)")])
            })
        await producer.flush()
        await producer.close()
    }

    @Test(arguments: ["none", "zstd"])
    func assignedConsumerReadsEverythingInOrderPerPartition(codec: String) async throws {
        try await InProcessBroker.with { broker in
            try await produce(2000, topic: "t", partitions: 3, codec: codec, broker: broker)
            let consumer = try KafkaConsumer(properties: [
                "bootstrap.servers": broker.bootstrap, "auto.offset.reset": "earliest", "max.poll.records": "300",
            ])
            let partitions = (0..<3).map { TopicPartition(topic: "t", partition: $0) }
            await consumer.assign(partitions)
            var seen: [ConsumerRecord] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while seen.count < 2000 && ContinuousClock.now < deadline {
                let batch = try await consumer.poll(timeout: .milliseconds(500))
                #expect(batch.count <= 300)
                seen.append(contentsOf: batch)
            }
            #expect(seen.count == 2000)
            for partition in partitions {
                let offsets = seen.filter { $0.topicPartition == partition }.map(\.offset)
                #expect(offsets == Array(0..<Int64(offsets.count)))
                #expect(try await consumer.position(partition) == Int64(offsets.count))
            }
            let values = Set(seen.compactMap { $0.value.map { String(buffer: $0) } })
            #expect(values.count == 2000)
            #expect(seen.allSatisfy { record in
                let key = record.key.map { String(buffer: $0) } ?? ""
                return keyedPartition(key: Array(key.utf8), partitionCount: 3) == record.partition
            })
            #expect(seen.first.flatMap { $0.headers.values(forKey: "n").first ?? nil }.map { String(buffer: $0) } != nil)
            await consumer.close()
        }
    }

    @Test func seekAndLatestResetStartWhereAsked() async throws {
        try await InProcessBroker.with { broker in
            try await produce(100, topic: "s", partitions: 1, codec: "none", broker: broker)
            let consumer = try KafkaConsumer(properties: ["bootstrap.servers": broker.bootstrap])
            let partition = TopicPartition(topic: "s", partition: 0)
            await consumer.assign([partition])
            #expect(try await consumer.position(partition) == 100)  // auto.offset.reset=latest
            #expect(try await consumer.poll(timeout: .milliseconds(200)).isEmpty)
            await consumer.seek(partition, to: 90)
            var seen: [Int64] = []
            while seen.count < 10 {
                seen += try await consumer.poll(timeout: .seconds(5)).map(\.offset)
            }
            #expect(seen == Array(90..<100))
            await consumer.close()
        }
    }

    @Test func noResetPolicyIsAnErrorAndWakeupInterruptsPoll() async throws {
        try await InProcessBroker.with { broker in
            try await produce(1, topic: "w", partitions: 1, codec: "none", broker: broker)
            let strict = try KafkaConsumer(properties: ["bootstrap.servers": broker.bootstrap, "auto.offset.reset": "none"])
            await strict.assign([TopicPartition(topic: "w", partition: 0)])
            await #expect {
                _ = try await strict.poll(timeout: .milliseconds(100))
            } throws: { error in
                "\(error)" == "Undefined offset with no reset policy for partitions: [w-0]"
            }
            await strict.close()

            let consumer = try KafkaConsumer(properties: ["bootstrap.servers": broker.bootstrap])
            await consumer.assign([TopicPartition(topic: "w", partition: 0)])
            Task {
                try await Task.sleep(for: .milliseconds(300))
                consumer.wakeup()
            }
            let start = ContinuousClock.now
            await #expect(throws: KafkaClientError.self) {
                _ = try await consumer.poll(timeout: .seconds(30))
            }
            #expect(ContinuousClock.now - start < .seconds(10))
            await consumer.close()
        }
    }
}

@Suite struct AssignorTests {
    private func members(_ subscriptions: [String: [String]]) -> [MemberSubscription] {
        subscriptions.map { MemberSubscription(memberId: $0.key, topics: $0.value, ownedPartitions: []) }
    }

    private func partitions(_ plan: [String: [TopicPartition]], _ member: String) -> [String] {
        (plan[member] ?? []).map(\.description)
    }

    @Test func rangeGivesTheFirstMembersOneMorePerTopic() {
        let plan = PartitionAssignors.range(
            members: members(["c1": ["t", "u"], "c2": ["t", "u"], "c3": ["t"]]), partitionCounts: ["t": 7, "u": 3])
        #expect(partitions(plan, "c1") == ["t-0", "t-1", "t-2", "u-0", "u-1"])
        #expect(partitions(plan, "c2") == ["t-3", "t-4", "u-2"])
        #expect(partitions(plan, "c3") == ["t-5", "t-6"])
    }

    @Test func roundRobinDealsInOrderSkippingUnsubscribedMembers() {
        let plan = PartitionAssignors.roundRobin(
            members: members(["a": ["t", "u"], "b": ["t"]]), partitionCounts: ["t": 3, "u": 2])
        #expect(partitions(plan, "a") == ["t-0", "t-2", "u-0", "u-1"])
        #expect(partitions(plan, "b") == ["t-1"])
    }
}

@Suite struct StickyAssignorTests {
    private func tp(_ partition: Int32) -> TopicPartition { TopicPartition(topic: "t", partition: partition) }

    @Test func aFreshGroupIsBalanced() {
        let members = ["a", "b", "c"].map { MemberSubscription(memberId: $0, topics: ["t"], ownedPartitions: []) }
        let plan = PartitionAssignors.assign(strategy: "cooperative-sticky", members: members, partitionCounts: ["t": 7])
        #expect(plan.values.map(\.count).sorted() == [2, 2, 3])
        #expect(Set(plan.values.flatMap { $0 }).count == 7)
    }

    @Test func aJoiningMemberGetsPartitionsOnlyAfterTheirOwnersRevokedThem() {
        var members = [
            MemberSubscription(memberId: "a", topics: ["t"], ownedPartitions: [tp(0), tp(1), tp(2)]),
            MemberSubscription(memberId: "b", topics: ["t"], ownedPartitions: [tp(3), tp(4), tp(5)]),
            MemberSubscription(memberId: "c", topics: ["t"], ownedPartitions: []),
        ]
        let first = PartitionAssignors.assign(strategy: "cooperative-sticky", members: members, partitionCounts: ["t": 6])
        #expect(first["a"] == [tp(0), tp(1)])
        #expect(first["b"] == [tp(3), tp(4)])
        #expect(first["c"] == [])
        // Second rebalance: a and b revoked what moved.
        members[0].ownedPartitions = first["a"] ?? []
        members[1].ownedPartitions = first["b"] ?? []
        let second = PartitionAssignors.assign(strategy: "cooperative-sticky", members: members, partitionCounts: ["t": 6])
        #expect(second["a"] == [tp(0), tp(1)])
        #expect(second["b"] == [tp(3), tp(4)])
        #expect(second["c"] == [tp(2), tp(5)])
    }

    @Test func theNewestGenerationWinsAConflictingClaim() {
        let members = [
            MemberSubscription(memberId: "a", topics: ["t"], ownedPartitions: [tp(0)]),
            MemberSubscription(memberId: "b", topics: ["t"], ownedPartitions: [tp(0)]),
        ]
        let plan = StickyAssignor.assign(members: members, generations: ["a": 3, "b": 5], partitionCounts: ["t": 2])
        #expect(plan["b"] == [tp(0)])
        #expect(plan["a"] == [tp(1)])
        #expect(PartitionAssignors.isCooperative(["cooperative-sticky"]))
        #expect(!PartitionAssignors.isCooperative(["range", "cooperative-sticky"]))
    }
}
