import NIOConcurrencyHelpers

/// `KafkaConsumer.wakeup()` as Java's consumer has it: a one-shot interrupt. A wakeup ends the wait in progress
/// (a group join or sync the coordinator is holding, or the fetch wait) with `KafkaClientError.wakeup`; with no
/// wait in progress it is kept, and the next wait ends at once. Each wakeup ends exactly one poll.
final class WakeupSignal: Sendable {
    private struct State {
        var pending = false
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
        var nextId = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Ends the waits in progress, or keeps the wakeup for the next one. True when a wait was ended.
    @discardableResult
    func interrupt() -> Bool {
        let waiters = state.withLockedValue { state -> [CheckedContinuation<Void, any Error>] in
            guard !state.waiters.isEmpty else {
                state.pending = true
                return []
            }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(throwing: KafkaClientError.wakeup) }
        return !waiters.isEmpty
    }

    /// Takes a kept wakeup: true (once) when one came while nothing was waiting.
    func consume() -> Bool {
        state.withLockedValue { state in
            defer { state.pending = false }
            return state.pending
        }
    }

    /// Waits for `task` unless a wakeup comes first; the task itself goes on either way (a join the coordinator
    /// holds stays pending, and the next poll waits for the same one, as Java's consumer does).
    func wait<T: Sendable>(for task: Task<T, any Error>) async throws -> T {
        let id = state.withLockedValue { state -> Int in
            state.nextId += 1
            return state.nextId
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let wokenAlready = state.withLockedValue { state -> Bool in
                if state.pending {
                    state.pending = false
                    return true
                }
                state.waiters[id] = continuation
                return false
            }
            if wokenAlready {
                continuation.resume(throwing: KafkaClientError.wakeup)
                return
            }
            Task {
                _ = try? await task.value
                self.finish(id)
            }
        }
        return try await task.value
    }

    private func finish(_ id: Int) {
        let waiter = state.withLockedValue { $0.waiters.removeValue(forKey: id) }
        waiter?.resume()
    }
}
