import KafkaStorage
import NIOCore

/// Waits for appends to any of a fetch's partitions, for the long poll of `min_bytes`/`max_wait_ms`. Wakes on
/// PartitionLog's high watermark updates, so an idle fetch costs no CPU until a producer appends or it times out.
enum FetchLongPoll {
    /// Subscribes to the logs' updates; the returned streams must be taken before re-reading, so an append that
    /// lands between the read and the wait is not missed (each stream keeps its newest value).
    static func subscribe(_ logs: [PartitionLog]) async -> [AsyncStream<Int64>] {
        var streams: [AsyncStream<Int64>] = []
        streams.reserveCapacity(logs.count)
        for log in logs { streams.append(await log.highWatermarkUpdates()) }
        return streams
    }

    /// Returns when any stream yields or ends (its log closed), or after `nanoseconds`.
    static func waitForAny(_ streams: [AsyncStream<Int64>], nanoseconds: UInt64) async {
        guard nanoseconds > 0 else { return }
        await withTaskGroup(of: Void.self) { group in
            for stream in streams {
                group.addTask {
                    var iterator = stream.makeAsyncIterator()
                    _ = await iterator.next()
                }
            }
            group.addTask { try? await Task.sleep(nanoseconds: nanoseconds) }
            await group.next()
            // Cancelling ends the other iterations, which ends their streams and unregisters them from the logs.
            group.cancelAll()
        }
    }

    /// Monotonic nanoseconds, for the deadline: a wall-clock jump must not stretch or cut a wait.
    static func nowNanoseconds() -> UInt64 {
        UInt64(NIODeadline.now().uptimeNanoseconds)
    }
}
