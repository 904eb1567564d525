import KafkaCLISupport
import KafkaClient

/// `ConsoleConsumer.run` and `process`: start reading where the command line says, print each record until the
/// limit, the timeout, a stop signal or a closed stdout, then put back what was fetched but not printed, close the
/// consumer (commit and leave the group) and report the count.
struct ConsoleConsumerRunner {
    /// What the loop waits for: a poll's answer, or the request to stop (SIGINT, SIGTERM).
    enum Event: Sendable {
        case polled(Result<[ConsumerRecord], any Error>)
        case stop
        /// The reader of stdout went away while the loop was waiting.
        case outputClosed
    }

    let invocation: ConsoleConsumerInvocation
    let consumer: any ConsoleConsumerClient
    let output: OutputBuffer
    /// Writes one line to stderr (after stdout has been flushed).
    let errorLine: (String) -> Void
    /// Shared with the signal handlers, which yield `.stop`.
    let events: AsyncStream<Event>
    let eventSink: AsyncStream<Event>.Continuation
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
            }
        case .topic(let topic):
            try await consumer.subscribe(topics: [topic])
        case .pattern(let pattern):
            try await consumer.subscribe(pattern: pattern)
        }
    }

    private func process(count: inout Int, unconsumed: inout ArraySlice<ConsumerRecord>) async -> Ending {
        do {
            if case .partition(let topic, let partition, _) = invocation.source {
                try await consumer.checkReachable(partition: TopicPartition(topic: topic, partition: partition))
            } else {
                try await consumer.checkReachable(partition: nil)
            }
        } catch {
            return .pollFailed(error)
        }
        var iterator = events.makeAsyncIterator()
        let watcher = outputClosed.map { closed in
            Task { [eventSink] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.outputCheckInterval)
                    if closed() {
                        eventSink.yield(.outputClosed)
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
                let consumer = self.consumer
                let sink = eventSink
                let waitFor = max(timeout ?? Self.idlePoll, .zero)
                Task {
                    let result: Result<[ConsumerRecord], any Error>
                    do {
                        result = .success(try await consumer.poll(timeout: waitFor))
                    } catch {
                        result = .failure(error)
                    }
                    sink.yield(.polled(result))
                }
                switch await iterator.next() {
                case .polled(.success(let records))?:
                    batch = records
                case .polled(.failure(let error))?:
                    if case KafkaClientError.wakeup = error { return .finished }
                    return .pollFailed(error)
                case .outputClosed?:
                    return brokenPipe()
                case .stop?, nil:
                    return .finished
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
