import KafkaCLISupport
import KafkaClient
import NIOConcurrencyHelpers

/// `ConsoleConsumer.run` and `process`: start reading where the command line says, print each record until the
/// limit, the timeout, a stop signal or a closed stdout, then put back what was fetched but not printed, close the
/// consumer (commit and leave the group) and report the count. A stop signal, like Apache's shutdown hook, only
/// wakes the consumer up: the poll it interrupts (a fetch wait, or a join the coordinator holds) throws `.wakeup`.
struct ConsoleConsumerRunner {
    let invocation: ConsoleConsumerInvocation
    let consumer: any ConsoleConsumerClient
    let output: OutputBuffer
    /// Writes one line to stderr (after stdout has been flushed).
    let errorLine: (String) -> Void
    /// Tells whether stdout's reader has gone (nil: not a pipe, or a test's sink); checked while idle.
    var outputClosed: (@Sendable () -> Bool)? = nil

    /// Idle output is flushed at least this often.
    static let flushInterval = Duration.milliseconds(100)
    /// A poll with no `--timeout-ms` waits this long before asking again.
    static let idlePoll = Duration.seconds(3600)
    static let outputCheckInterval = Duration.milliseconds(200)

    private enum Ending {
        case finished
        /// A poll failed: Apache logs it and ends normally; we exit 1.
        case pollFailed(any Error)
        /// The formatter failed without `--skip-message-on-error`: logged after the count, exit 1.
        case formatterFailed(FormatterError)
    }

    /// Returns the exit status.
    func run() async -> Int32 {
        do {
            try await start()
        } catch {
            errorLine(log("Unknown error when running consumer: \(String(describing: error))"))
            await consumer.close()
            return 1
        }
        var processed = 0
        var unconsumed: ArraySlice<ConsumerRecord> = []
        let ending = await process(count: &processed, unconsumed: &unconsumed)
        if case .pollFailed(let error) = ending {
            errorLine(log("Error processing message, terminating consumer process: \(String(describing: error))"))
        }
        // cleanup(): don't let the closing commit count what was fetched but never printed.
        var firstUnconsumed: [TopicPartition: Int64] = [:]
        for record in unconsumed where firstUnconsumed[record.topicPartition] == nil {
            firstUnconsumed[record.topicPartition] = record.offset
        }
        for (partition, offset) in firstUnconsumed { await consumer.seek(partition, to: offset) }
        await consumer.close()
        output.flush()
        errorLine("Processed a total of \(processed) messages")
        if invocation.enableSystestEvents {
            output.append("shutdown_complete\n")
            output.flush()
        }
        switch ending {
        case .finished: return 0
        case .pollFailed: return 1
        case .formatterFailed(let error):
            errorLine(log("Unknown error when running consumer: \(error)"))
            return 1
        }
    }

    /// `ConsumerWrapper`'s constructor: assign and seek, or subscribe; then make sure the cluster answers.
    private func start() async throws {
        switch invocation.source {
        case .partition(let topic, let partition, let start):
            let target = TopicPartition(topic: topic, partition: partition)
            await consumer.assign([target])
            switch start {
            case .earliest: await consumer.seekToBeginning([target])
            case .latest: await consumer.seekToEnd([target])
            case .exact(let offset): await consumer.seek(target, to: offset)
            // Looked up once the partition is known to exist (`seekToComputedStart`).
            case .last, .timestamp: break
            }
        case .topic(let topic):
            try await consumer.subscribe(topics: [topic])
        case .pattern(let pattern):
            try await consumer.subscribe(pattern: pattern)
        }
    }

    /// Our `--offset` forms: `-N` seeks N offsets before the log end (not before its start); a time seeks to the
    /// first offset at or after it, or to the end when no record is that recent.
    private func seekToComputedStart() async throws {
        guard case .partition(let topic, let partition, let start) = invocation.source else { return }
        let target = TopicPartition(topic: topic, partition: partition)
        switch start {
        case .last(let count):
            let begin = try await consumer.beginningOffsets([target])[target] ?? 0
            let end = try await consumer.endOffsets([target])[target] ?? 0
            await consumer.seek(target, to: max(begin, end - count))
        case .timestamp(let time):
            if let offset = try await consumer.offsetsForTimes([target: time])[target] {
                await consumer.seek(target, to: offset)
            } else {
                await consumer.seekToEnd([target])
            }
        case .earliest, .latest, .exact:
            break
        }
    }

    private func process(count: inout Int, unconsumed: inout ArraySlice<ConsumerRecord>) async -> Ending {
        do {
            if case .partition(let topic, let partition, _) = invocation.source {
                try await consumer.checkReachable(partition: TopicPartition(topic: topic, partition: partition))
            } else {
                try await consumer.checkReachable(partition: nil)
            }
            try await seekToComputedStart()
        } catch {
            return .pollFailed(error)
        }
        // A reader that leaves while the poll waits: wake the consumer up, and say why it stopped.
        let readerGone = NIOLockedValueBox(false)
        let watcher = outputClosed.map { closed in
            Task { [consumer] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.outputCheckInterval)
                    if closed() {
                        readerGone.withLockedValue { $0 = true }
                        consumer.wakeup()
                        return
                    }
                }
            }
        }
        defer { watcher?.cancel() }
        let limit = invocation.maxMessages.map(Int.init)
        var lastBatchWasFull = false
        var lastFlush = ContinuousClock.now
        while limit.map({ count < $0 }) ?? true {
            // receive(): poll until records come, or until --timeout-ms passes without any.
            let started = ContinuousClock.now
            var batch: [ConsumerRecord] = []
            while batch.isEmpty {
                // The next poll may wait: whatever is printed should be seen first.
                if !lastBatchWasFull || ContinuousClock.now - lastFlush >= Self.flushInterval {
                    if !output.isEmpty { output.flush() }
                    lastFlush = .now
                    if output.failed { return brokenPipe() }
                }
                let timeout = invocation.timeoutMs.map { Duration.milliseconds($0) - (ContinuousClock.now - started) }
                do {
                    batch = try await consumer.poll(timeout: max(timeout ?? Self.idlePoll, .zero))
                } catch KafkaClientError.wakeup {
                    return readerGone.withLockedValue { $0 } ? brokenPipe() : .finished
                } catch {
                    return .pollFailed(error)
                }
                lastBatchWasFull = batch.count >= consumer.maxPollRecords
                if batch.isEmpty, let timeoutMs = invocation.timeoutMs,
                    ContinuousClock.now - started > .milliseconds(timeoutMs)
                {
                    // Apache ends here with an ERROR line and a TimeoutException stack trace; we end quietly.
                    return .finished
                }
            }
            var index = batch.startIndex
            while index < batch.endIndex, limit.map({ count < $0 }) ?? true {
                count += 1
                do {
                    try invocation.formatter.write(batch[index], to: output)
                } catch {
                    guard invocation.skipMessageOnError else {
                        unconsumed = batch[(index + 1)...]
                        return .formatterFailed(error)
                    }
                    output.flush()
                    errorLine(log("Error processing message, skipping this message: \(error)"))
                }
                index += 1
                output.flushIfFull()
            }
            unconsumed = batch[index...]
            if output.failed { return brokenPipe() }
        }
        return .finished
    }

    private func brokenPipe() -> Ending {
        errorLine("Unable to write to standard out, closing consumer.")
        return .finished
    }

    private func log(_ message: String) -> String {
        LogLine.format(level: "ERROR", message: message, logger: ConsoleConsumerOptions.logger)
    }
}
