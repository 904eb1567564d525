import KafkaStorage
import NIOConcurrencyHelpers

/// Hands out producer ids for InitProducerId. Kafka allocates blocks through the controller's metadata log; the
/// bundled broker has none, so ids start at the wall clock in milliseconds times 1024: a restarted broker starts
/// above every id it gave out before as long as it handed out fewer than 1024 ids per millisecond of its run, and
/// never reuses an id whose old sequence state the log still holds.
final class ProducerIdAllocator: Sendable {
    private let next: NIOLockedValueBox<Int64>

    init(now: Int64 = currentTimeMillis()) {
        next = NIOLockedValueBox(now &* 1024)
    }

    func allocate() -> Int64 {
        next.withLockedValue { value in
            defer { value += 1 }
            return value
        }
    }

    /// Moves past an id found in a log, in case the clock went backwards since it was issued.
    func observe(_ producerId: Int64) {
        next.withLockedValue { value in value = max(value, producerId &+ 1) }
    }
}
