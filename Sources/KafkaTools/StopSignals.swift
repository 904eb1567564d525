import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM as Apache's shutdown hook sees them: the first one wakes the consumer and asks the loop to
/// stop (it then closes the consumer, committing and leaving the group, and reports the count); a second one
/// ends the process at once, for a close that hangs on an unreachable broker. SIGPIPE is ignored so that a closed
/// stdout shows up as a failed write, as the JVM sees it.
final class StopSignals: @unchecked Sendable {
    // Touched only on `queue`, which is serial.
    private var received = 0
    private let queue = DispatchQueue(label: "kafka-console-consumer.signals")
    private var sources: [any DispatchSourceSignal] = []

    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Starts listening; `stop` runs on the first signal.
    func install(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                received += 1
                if received == 1 {
                    stop()
                } else {
                    _exit(128 + number)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
