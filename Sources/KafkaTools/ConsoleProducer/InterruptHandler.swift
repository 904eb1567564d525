import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Apache's shutdown hook: on SIGINT or SIGTERM the producer is closed, so records already read are still sent,
/// and the process exits as a signalled JVM does (128 + signal). A second signal exits at once.
final class InterruptHandler: @unchecked Sendable {
    // Touched only on `queue`.
    private var sources: [any DispatchSourceSignal] = []
    private var interrupted = false
    private let queue = DispatchQueue(label: "kafka-console-producer.signals")

    /// Installs the handler; `onSignal` runs once, off the signal queue, and must not return.
    static func install(onSignal: @escaping @Sendable (Int32) async -> Never) -> InterruptHandler {
        let handler = InterruptHandler()
        handler.queue.sync {
            for number in [SIGINT, SIGTERM] {
                // The default action would end the process before the source sees the signal.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: handler.queue)
                source.setEventHandler { [handler] in handler.handle(number, onSignal) }
                source.resume()
                handler.sources.append(source)
            }
        }
        return handler
    }

    private func handle(_ number: Int32, _ onSignal: @escaping @Sendable (Int32) async -> Never) {
        guard !interrupted else { _exit(128 + number) }
        interrupted = true
        Task { await onSignal(number) }
    }
}
