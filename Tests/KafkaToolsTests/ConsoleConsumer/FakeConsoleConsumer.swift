import KafkaClient
import NIOConcurrencyHelpers

@testable import KafkaTools

/// A scripted consumer: each poll hands out the next batch (an empty batch after the script, or waits until woken
/// when `blockWhenDone`), and every call is recorded.
final class FakeConsoleConsumer: ConsoleConsumerClient {
    enum Step: Sendable {
        case records([ConsumerRecord])
        case failure(KafkaClientError)
    }

    private struct State {
        var script: [Step]
        var calls: [String] = []
        var woken = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    let maxPollRecords: Int
    let unreachable: KafkaClientError?
    let blockWhenDone: Bool
    private let state: NIOLockedValueBox<State>

    init(_ script: [Step], maxPollRecords: Int = 500, unreachable: KafkaClientError? = nil, blockWhenDone: Bool = false)
    {
        state = NIOLockedValueBox(State(script: script))
        self.maxPollRecords = maxPollRecords
        self.unreachable = unreachable
        self.blockWhenDone = blockWhenDone
    }

    var calls: [String] { state.withLockedValue { $0.calls } }

    private func record(_ call: String) { state.withLockedValue { $0.calls.append(call) } }

    func checkReachable(partition: TopicPartition?) async throws {
        if let unreachable { throw unreachable }
    }

    func subscribe(topics: [String]) async throws { record("subscribe \(topics)") }
    func subscribe(pattern: String) async throws {
        record("subscribe /\(pattern)/")
        if pattern == "(" { throw KafkaClientError.invalidConfiguration("bad pattern") }
    }
    func assign(_ partitions: [TopicPartition]) async { record("assign \(partitions.map(\.description))") }
    func seek(_ partition: TopicPartition, to offset: Int64) async { record("seek \(partition) \(offset)") }
    func seekToBeginning(_ partitions: [TopicPartition]) async { record("seekToBeginning") }
    func seekToEnd(_ partitions: [TopicPartition]) async { record("seekToEnd") }

    func poll(timeout: Duration) async throws -> [ConsumerRecord] {
        let next: Step? = state.withLockedValue { state in
            state.calls.append("poll")
            return state.script.isEmpty ? nil : state.script.removeFirst()
        }
        switch next {
        case .records(let records)?: return records
        case .failure(let error)?: throw error
        case nil:
            guard blockWhenDone else {
                try await Task.sleep(for: min(timeout, .milliseconds(20)))
                // A wakeup ends the next poll (as KafkaConsumer's does).
                if state.withLockedValue({ state in defer { state.woken = false }; return state.woken }) {
                    throw KafkaClientError.wakeup
                }
                return []
            }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLockedValue { state -> Bool in
                    if state.woken { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            throw KafkaClientError.wakeup
        }
    }

    func wakeup() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            state.woken = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func close() async { record("close") }

    /// Log start 0 and end `logEnd` for every partition; times map to `timeIndex` (offset of the first record at
    /// or after the time), or to nothing past its last entry.
    let logEnd: Int64 = 100
    let timeIndex: [(time: Int64, offset: Int64)] = [(1000, 10), (2000, 20)]

    func beginningOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        record("beginningOffsets")
        return Dictionary(uniqueKeysWithValues: partitions.map { ($0, 0) })
    }

    func endOffsets(_ partitions: [TopicPartition]) async throws -> [TopicPartition: Int64] {
        record("endOffsets")
        return Dictionary(uniqueKeysWithValues: partitions.map { ($0, logEnd) })
    }

    func offsetsForTimes(_ timestamps: [TopicPartition: Int64]) async throws -> [TopicPartition: Int64] {
        record("offsetsForTimes")
        return timestamps.compactMapValues { time in timeIndex.first { $0.time >= time }?.offset }
    }
}
