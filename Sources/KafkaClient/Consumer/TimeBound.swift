import NIOConcurrencyHelpers

/// Work that must not outlast a deadline whatever the network does (a request already on the wire cannot be
/// taken back): it runs in a task of its own, and the caller goes on at the deadline, cancelling it.
enum TimeBound {
    /// `operation`'s result, or nil when `deadline` came first.
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async -> T
    ) async -> T? {
        let work = Task { await operation() }
        let slot = NIOLockedValueBox<CheckedContinuation<T?, Never>?>(nil)
        let take: @Sendable () -> CheckedContinuation<T?, Never>? = {
            slot.withLockedValue { current -> CheckedContinuation<T?, Never>? in
                defer { current = nil }
                return current
            }
        }
        return await withCheckedContinuation { continuation in
            slot.withLockedValue { $0 = continuation }
            let timer = Task {
                try? await Task.sleep(until: deadline)
                if Task.isCancelled { return }
                work.cancel()
                take()?.resume(returning: nil)
            }
            Task {
                let result = await work.value
                timer.cancel()
                take()?.resume(returning: result)
            }
        }
    }
}
