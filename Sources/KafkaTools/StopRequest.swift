import NIOConcurrencyHelpers

/// A stop asked for from another task (a signal handler): a pause that ends early when it comes.
final class StopRequest: Sendable {
    private struct State {
        var stopped = false
        var waiter: CheckedContinuation<Bool, Never>?
    }

    private let state = NIOLockedValueBox(State())

    func request() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Bool, Never>? in
            state.stopped = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: true)
    }

    /// Waits `duration`; true (at once) when a stop was or is requested meanwhile.
    func wait(upTo duration: Duration) async -> Bool {
        let timer = NIOLockedValueBox<Task<Void, Never>?>(nil)
        let stopped = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let alreadyStopped = state.withLockedValue { state -> Bool in
                if state.stopped { return true }
                state.waiter = continuation
                return false
            }
            if alreadyStopped {
                continuation.resume(returning: true)
                return
            }
            timer.withLockedValue {
                $0 = Task {
                    try? await Task.sleep(for: duration)
                    if Task.isCancelled { return }
                    let waiter = self.state.withLockedValue { state in
                        defer { state.waiter = nil }
                        return state.waiter
                    }
                    waiter?.resume(returning: false)
                }
            }
        }
        timer.withLockedValue { $0?.cancel() }
        return stopped
    }
}
