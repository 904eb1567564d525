import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// `wakeup()` during a join the coordinator holds, `close(timeout:)` against a coordinator that never answers, and
/// auto-commit without group membership (assign mode).
@Suite struct ConsumerLifecycleTests {
    private func createTopic(_ name: String, partitions: Int32 = 1, broker: InProcessBroker) async throws {
        let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
        _ = try await admin.createTopics([NewTopic(name: name, numPartitions: partitions)])
        await admin.close()
    }

    /// The first member of an empty group waits in JoinGroup for `group.initial.rebalance.delay.ms` (10 s here):
    /// a wakeup ends that poll at once, and close() leaves the group without waiting for the join.
    @Test func wakeupEndsAJoinTheCoordinatorHolds() async throws {
        try await InProcessBroker.with(extra: ["group.initial.rebalance.delay.ms": "10000"]) { broker in
            try await createTopic("held", broker: broker)
            let consumer = try KafkaConsumer(properties: [
                "bootstrap.servers": broker.bootstrap, "group.id": "held-group", "session.timeout.ms": "30000",
            ])
            try await consumer.subscribe(topics: ["held"])
            let polling = Task { () -> String in
                do {
                    let records = try await consumer.poll(timeout: .seconds(30))
                    return "returned \(records.count) records"
                } catch {
                    return "\(error)"
                }
            }
            // Long enough for FindCoordinator, the MEMBER_ID_REQUIRED round and the held join to be under way.
            try await Task.sleep(for: .milliseconds(800))
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            let held = try await admin.describeGroups(["held-group"]).first
            #expect(held?.state == "PreparingRebalance")
            #expect(held?.members.count == 1)
            let woken = ContinuousClock.now
            consumer.wakeup()
            let outcome = await polling.value
            #expect(ContinuousClock.now - woken < .seconds(1))
            #expect(outcome == "\(KafkaClientError.wakeup)")
            #expect(await consumer.assignment().isEmpty)

            let closing = ContinuousClock.now
            await consumer.close()
            #expect(ContinuousClock.now - closing < .seconds(2))
            // The LeaveGroup named the member the coordinator was holding: it is gone at once. (The group itself
            // stays PreparingRebalance until the initial delay ends, as in Kafka.)
            let group = try await admin.describeGroups(["held-group"]).first
            #expect(group?.members.isEmpty == true)
            await admin.close()
        }
    }

    /// A wakeup that comes while no poll waits is kept: the next poll ends at once, even in a held join.
    @Test func aWakeupBeforePollEndsTheNextJoinWait() async throws {
        try await InProcessBroker.with(extra: ["group.initial.rebalance.delay.ms": "10000"]) { broker in
            try await createTopic("held", broker: broker)
            let consumer = try KafkaConsumer(properties: ["bootstrap.servers": broker.bootstrap, "group.id": "g2"])
            try await consumer.subscribe(topics: ["held"])
            consumer.wakeup()
            let start = ContinuousClock.now
            await #expect {
                _ = try await consumer.poll(timeout: .seconds(30))
            } throws: { error in
                if case KafkaClientError.wakeup = error { return true }
                return false
            }
            #expect(ContinuousClock.now - start < .seconds(1))
            await consumer.close(timeout: .seconds(2))
        }
    }

    /// A scripted broker that is its own coordinator: answers ApiVersions, Metadata and FindCoordinator; every
    /// other request goes to `answer` (nil: never answered). Records what it was asked, with the time.
    private final class ScriptedCoordinator: Sendable {
        let requests = NIOLockedValueBox<[(api: ApiKey, at: ContinuousClock.Instant, body: any KafkaRequest)]>([])
        private let port = NIOLockedValueBox(0)

        static func start(answer: @escaping @Sendable (DecodedRequest, Int) -> (any KafkaResponse)?) async throws
            -> (ScriptedCoordinator, ScriptedBroker)
        {
            let coordinator = ScriptedCoordinator()
            let broker = try await ScriptedBroker.start { request in
                coordinator.requests.withLockedValue { $0.append((request.apiKey, .now, request.body)) }
                let ownPort = Int32(coordinator.port.withLockedValue { $0 })
                switch request.apiKey {
                case .metadata:
                    var response = MetadataResponse()
                    response.clusterId = "scripted"
                    response.controllerId = 1
                    response.brokers = [
                        MetadataResponse.MetadataResponseBroker(nodeId: 1, host: "127.0.0.1", port: ownPort)
                    ]
                    return response
                case .findCoordinator:
                    var response = FindCoordinatorResponse()
                    // v4 moved the answer into a batch (the encoder refuses fields a version does not have).
                    if request.version >= 4 {
                        response.coordinators = [
                            FindCoordinatorResponse.Coordinator(key: "g", nodeId: 1, host: "127.0.0.1", port: ownPort)
                        ]
                    } else {
                        (response.nodeId, response.host, response.port) = (1, "127.0.0.1", ownPort)
                    }
                    return response
                default:
                    let count = coordinator.requests.withLockedValue { $0.filter { $0.api == request.apiKey }.count }
                    return answer(request, count)
                }
            }
            coordinator.port.withLockedValue { $0 = broker.port }
            return (coordinator, broker)
        }

        func asked(_ api: ApiKey) -> [(at: ContinuousClock.Instant, body: any KafkaRequest)] {
            requests.withLockedValue { $0.filter { $0.api == api }.map { ($0.at, $0.body) } }
        }
    }

    /// A coordinator that takes connections but never answers OffsetCommit or LeaveGroup: close gives up at its
    /// timeout (without it, the commit alone would wait for request.timeout.ms, 30 s).
    @Test func closeGivesUpAtItsTimeoutWhenTheCoordinatorDoesNotAnswer() async throws {
        let (coordinator, broker) = try await ScriptedCoordinator.start { _, _ in nil }
        let consumer = try KafkaConsumer(properties: [
            "bootstrap.servers": broker.address, "group.id": "g", "enable.auto.commit": "true",
        ])
        let partition = TopicPartition(topic: "t", partition: 0)
        await consumer.assign([partition])
        await consumer.seek(partition, to: 5)
        let start = ContinuousClock.now
        // 8 s leaves the coordinator lookup and the commit time to go out even when other tests of this process
        // keep the cooperative threads busy (openssl/keytool runs, PBKDF2 sweeps) for seconds.
        await consumer.close(timeout: .seconds(8))
        let took = ContinuousClock.now - start
        #expect(took >= .milliseconds(7900))
        #expect(took < .seconds(11))
        // The last commit was really attempted (and left unanswered).
        #expect(coordinator.asked(.offsetCommit).count == 1)
        await broker.stop()
    }

    /// An auto-commit the coordinator never answers holds poll up to request.timeout.ms; a wakeup ends it.
    @Test func wakeupEndsAnUnansweredAutoCommit() async throws {
        let (coordinator, broker) = try await ScriptedCoordinator.start { _, _ in nil }
        let consumer = try KafkaConsumer(properties: [
            "bootstrap.servers": broker.address, "group.id": "g", "enable.auto.commit": "true",
            "auto.commit.interval.ms": "0",
        ])
        let partition = TopicPartition(topic: "t", partition: 0)
        await consumer.assign([partition])
        await consumer.seek(partition, to: 5)
        let polling = Task { () -> String in
            do {
                _ = try await consumer.poll(timeout: .seconds(30))
                return "returned"
            } catch {
                return "\(error)"
            }
        }
        let start = ContinuousClock.now
        while coordinator.asked(.offsetCommit).isEmpty && ContinuousClock.now - start < .seconds(5) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(coordinator.asked(.offsetCommit).count == 1)
        let woken = ContinuousClock.now
        consumer.wakeup()
        #expect(await polling.value == "\(KafkaClientError.wakeup)")
        #expect(ContinuousClock.now - woken < .seconds(1))
        await consumer.close(timeout: .milliseconds(300))
        await broker.stop()
    }

    /// MEMBER_ID_REQUIRED is answered by joining again at once with the given id (Java's joinGroupIfNeeded), not
    /// after retry.backoff.ms: every join into a group costs that round trip.
    @Test func theSecondJoinFollowsMemberIdRequiredAtOnce() async throws {
        let (coordinator, broker) = try await ScriptedCoordinator.start { request, count in
            guard request.apiKey == .joinGroup, count == 1 else { return nil }
            var response = JoinGroupResponse()
            response.errorCode = ErrorCode.memberIdRequired.rawValue
            response.memberId = "given-id"
            return response
        }
        let consumer = try KafkaConsumer(properties: [
            "bootstrap.servers": broker.address, "group.id": "g", "retry.backoff.ms": "2000",
        ])
        try await consumer.subscribe(topics: ["t"])
        let polling = Task { try? await consumer.poll(timeout: .seconds(30)) }
        let start = ContinuousClock.now
        while coordinator.asked(.joinGroup).count < 2 && ContinuousClock.now - start < .seconds(5) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let joins = coordinator.asked(.joinGroup)
        #expect(joins.count == 2)
        if joins.count == 2 {
            #expect(joins[1].at - joins[0].at < .milliseconds(500))
            #expect((joins[0].body as? JoinGroupRequest)?.memberId == "")
            #expect((joins[1].body as? JoinGroupRequest)?.memberId == "given-id")
        }
        consumer.wakeup()
        _ = await polling.value
        await consumer.close(timeout: .milliseconds(500))
        await broker.stop()
    }

    /// Assigned partitions with a group.id and enable.auto.commit=true: poll commits the positions every
    /// auto.commit.interval.ms as simple commits (generation -1, no member id), as Java's consumer does.
    @Test func anAssignedConsumerAutoCommitsWithoutJoining() async throws {
        try await InProcessBroker.with { broker in
            try await createTopic("assigned", broker: broker)
            let producer = try await KafkaProducer(properties: ["bootstrap.servers": broker.bootstrap])
            await producer.send(
                contentsOf: (0..<10).map { ProducerRecord(topic: "assigned", partition: 0, value: ByteBuffer(string: "v\($0)")) })
            await producer.flush()
            await producer.close()

            let consumer = try KafkaConsumer(properties: [
                "bootstrap.servers": broker.bootstrap, "group.id": "standalone", "enable.auto.commit": "true",
                "auto.commit.interval.ms": "100", "auto.offset.reset": "earliest",
            ])
            let partition = TopicPartition(topic: "assigned", partition: 0)
            await consumer.assign([partition])
            var read = 0
            let start = ContinuousClock.now
            while read < 10 && ContinuousClock.now - start < .seconds(10) {
                read += try await consumer.poll(timeout: .milliseconds(200)).count
            }
            #expect(read == 10)
            // The next poll after the interval commits the position, 10 (before close, which would commit too).
            try await Task.sleep(for: .milliseconds(150))
            _ = try await consumer.poll(timeout: .milliseconds(1))
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            let committed = try await admin.listGroupOffsets("standalone")
            #expect(committed[partition]?.offset == 10)
            // Nobody joined: the group has no members, only offsets.
            #expect(try await admin.describeGroups(["standalone"]).first?.members.isEmpty == true)
            await consumer.close()
            await admin.close()
        }
    }
}
