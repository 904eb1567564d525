import KafkaCLISupport
import KafkaClient
import NIOCore

/// Apache's `loopReader`: every input line becomes a record for the topic, sent asynchronously (failures are
/// logged as they complete) or, with `--sync`, one at a time. Returns the exit status after closing the producer.
///
/// Records go to the producer in groups (one hop into it per group, not per line) once it has the topic's
/// metadata. Until then they go one by one, so that an unreachable cluster stops the tool at the first record
/// instead of blocking `max.block.ms` for every line of a group.
struct ConsoleProducerLoop {
    /// Records handed to the producer in one call; input lines are grouped up to this many.
    static let groupLimit = 1024

    let topic: String
    let reader: LineMessageReader
    let producer: KafkaProducer
    let sync: Bool
    let failures: SendFailureLog
    var writeError: (String) -> Void = writeToStandardError

    func run(_ input: inout some ConsoleInput) async -> Int32 {
        var group: [ProducerRecord] = []
        group.reserveCapacity(Self.groupLimit)
        let status = await sendAll(&input, group: &group)
        // Apache's shutdown hook: whatever was read is still sent, even after an error.
        await send(&group)
        await producer.close()
        return status == 0 && failures.count > 0 ? 1 : status
    }

    private func sendAll(_ input: inout some ConsoleInput, group: inout [ProducerRecord]) async -> Int32 {
        var lineNumber = 0
        var queuedOne = false
        while true {
            let batch: ConsoleLineBatch
            do {
                guard let next = try await input.nextBatch() else { return 0 }
                batch = next
            } catch {
                writeError("\(error)\n")
                return 1
            }
            for index in batch.lines.indices {
                lineNumber += 1
                let record: ProducerRecord
                do {
                    let parts = try reader.record(fromLine: batch.line(index), lineNumber: lineNumber)
                    record = ProducerRecord(topic: topic, key: parts.key, value: parts.value, headers: parts.headers)
                } catch {
                    // Apache throws a KafkaException here: a stack trace and exit 1.
                    await send(&group)
                    writeError("\(error)\n")
                    return 1
                }
                if sync || !queuedOne {
                    switch await sendAlone(record) {
                    case .queued: queuedOne = true
                    case .failed: continue
                    case .stop: return 1
                    }
                } else {
                    group.append(record)
                    if group.count == Self.groupLimit { await send(&group) }
                }
            }
            // Whatever this read brought goes now: a line typed or piped in slowly must not wait for more input.
            await send(&group)
        }
    }

    private enum Outcome {
        case queued
        /// Reported; the next line may still go.
        case failed
        /// Reported; the tool must stop: any failure with `--sync`, or no bootstrap server reachable at all.
        case stop
    }

    private func sendAlone(_ record: ProducerRecord) async -> Outcome {
        let lengths = RecordLengths(record)
        do {
            if sync {
                _ = try await producer.sendAndWait(record)
            } else {
                let completion = failures.completion(for: [lengths])
                try await producer.send(record) { completion(0, $0) }
            }
            return .queued
        } catch {
            // Apache hands errors raised inside send to the callback too, so they are logged the same way.
            failures.report(error, keyLength: lengths.key, valueLength: lengths.value)
            if sync { return .stop }
            if case KafkaClientError.bootstrapUnreachable = error { return .stop }
            return .failed
        }
    }

    /// Hands the group to the producer in one call; records it cannot queue are reported through the completion.
    private func send(_ group: inout [ProducerRecord]) async {
        guard !group.isEmpty else { return }
        await producer.send(contentsOf: group, completion: failures.completion(for: group.map(RecordLengths.init)))
        group.removeAll(keepingCapacity: true)
    }
}
