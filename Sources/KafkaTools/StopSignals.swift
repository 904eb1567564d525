import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM as a request to stop, as Apache's shutdown hooks see them: the console consumer wakes its
/// consumer up (the loop then closes it, within the consumer's close timeout, and reports the count);
/// `kafka-consumer-groups --watch` ends its loop. SIGPIPE can be ignored so that a closed stdout shows up as a
/// failed write, as the JVM sees it.
final class StopSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "kafka-tools.stop-signals")
    // Set once in `install`; the sources only need to stay alive.
    private var sources: [any DispatchSourceSignal] = []

    static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Starts listening; `stop` runs on every SIGINT or SIGTERM.
    func install(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: stop)
            source.resume()
            sources.append(source)
        }
    }
}
