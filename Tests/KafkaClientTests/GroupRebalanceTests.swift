import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOCore
import Testing

@Suite struct GroupRebalanceTests {
    /// A member waiting in a long poll on an idle topic must still take part in a rebalance at once (its heartbeat
    /// hears REBALANCE_IN_PROGRESS and wakes the poll), not at the end of its poll or by losing its session.
    @Test func aMemberBlockedInPollRejoinsWhenAnotherJoins() async throws {
        try await InProcessBroker.with(extra: ["group.initial.rebalance.delay.ms": "0"]) { broker in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            _ = try await admin.createTopics([NewTopic(name: "idle", numPartitions: 2)])
            await admin.close()
            let properties = [
                "bootstrap.servers": broker.bootstrap, "group.id": "g", "session.timeout.ms": "6000",
                "heartbeat.interval.ms": "200",
            ]
            let first = try KafkaConsumer(properties: properties)
            let second = try KafkaConsumer(properties: properties)
            try await first.subscribe(topics: ["idle"])
            try await second.subscribe(topics: ["idle"])
            let polling = Task {
                while !Task.isCancelled { _ = try? await first.poll(timeout: .seconds(30)) }
            }
            let start = ContinuousClock.now
            while await first.assignment().count != 2 && ContinuousClock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(await first.assignment().count == 2)
            let joined = ContinuousClock.now
            let secondPolling = Task {
                while !Task.isCancelled { _ = try? await second.poll(timeout: .seconds(30)) }
            }
            while await second.assignment().count != 1 && ContinuousClock.now - joined < .seconds(20) {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Well under the 6 s session timeout: the first member rejoined instead of expiring.
            #expect(ContinuousClock.now - joined < .seconds(4))
            #expect(await second.assignment().count == 1)
            #expect(await first.assignment().count == 1)
            polling.cancel()
            secondPolling.cancel()
            first.wakeup()
            second.wakeup()
            await first.close()
            await second.close()
        }
    }

    /// Group requests go on a connection of their own: with fetch.max.wait.ms=10000 on an idle topic, the member's
    /// pooled connection always has a long-polling Fetch in front, and a Heartbeat or JoinGroup queued behind it
    /// would wait for it (a broker answers a connection's requests in order). The rebalance takes well under that.
    @Test func groupRequestsDoNotQueueBehindALongPollingFetch() async throws {
        try await InProcessBroker.with(extra: ["group.initial.rebalance.delay.ms": "0"]) { broker in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            _ = try await admin.createTopics([NewTopic(name: "quiet", numPartitions: 2)])
            await admin.close()
            let properties = [
                "bootstrap.servers": broker.bootstrap, "group.id": "q", "session.timeout.ms": "10000",
                "heartbeat.interval.ms": "100", "fetch.max.wait.ms": "10000",
            ]
            let first = try KafkaConsumer(properties: properties)
            let second = try KafkaConsumer(properties: properties)
            try await first.subscribe(topics: ["quiet"])
            try await second.subscribe(topics: ["quiet"])
            let polling = Task { while !Task.isCancelled { _ = try? await first.poll(timeout: .seconds(30)) } }
            let start = ContinuousClock.now
            while await first.assignment().count != 2 && ContinuousClock.now - start < .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await first.assignment().count == 2)
            // Let the first member's Fetch long-poll be under way.
            try await Task.sleep(for: .milliseconds(300))
            let joined = ContinuousClock.now
            let secondPolling = Task { while !Task.isCancelled { _ = try? await second.poll(timeout: .seconds(30)) } }
            while await second.assignment().count != 1 && ContinuousClock.now - joined < .seconds(20) {
                try await Task.sleep(for: .milliseconds(20))
            }
            // Queued behind the Fetch it would take up to 10 s; the margin is for loaded parallel test runs.
            #expect(ContinuousClock.now - joined < .seconds(5))
            #expect(await first.assignment().count == 1)
            polling.cancel()
            secondPolling.cancel()
            first.wakeup()
            second.wakeup()
            await first.close()
            await second.close()
        }
    }
}
