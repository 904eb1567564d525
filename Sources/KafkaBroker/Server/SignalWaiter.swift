import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGTERM or SIGINT and returns which one came, so the broker can shut down cleanly.
enum SignalWaiter {
    static func waitForTermination() async -> Int32 {
        await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let queue = DispatchQueue(label: "kafka.signals")
            let once = SignalOnce(continuation)
            for number in [SIGTERM, SIGINT] {
                // The default action would kill the process before the sources see the signal.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { once.resume(number) }
                source.resume()
                once.keep(source)
            }
        }
    }

    static func name(_ number: Int32) -> String {
        number == SIGTERM ? "SIGTERM" : number == SIGINT ? "SIGINT" : "signal \(number)"
    }
}

/// Resumes the continuation for the first signal only; later signals are ignored. Confined to the signal queue.
private final class SignalOnce: @unchecked Sendable {
    private var continuation: CheckedContinuation<Int32, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Int32, Never>) { self.continuation = continuation }

    func keep(_ source: any DispatchSourceSignal) { sources.append(source) }

    func resume(_ number: Int32) {
        continuation?.resume(returning: number)
        continuation = nil
    }
}
