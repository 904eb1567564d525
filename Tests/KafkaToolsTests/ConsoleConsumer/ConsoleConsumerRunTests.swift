import KafkaClient
import KafkaProtocol
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import KafkaTools

/// The whole tool against a scripted consumer: exact stdout, stderr, exit status and the consumer calls.
@Suite struct ConsoleConsumerRunTests {
    typealias Support = FormatterTestSupport
    static let server = ["--bootstrap-server", "localhost:9092"]

    struct Run: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the command; `stop` (if set) gets the tool's stop handler, as a signal would.
    static func run(
        _ argv: [String], _ consumer: FakeConsoleConsumer, stop: NIOLockedValueBox<(@Sendable () -> Void)?>? = nil
    ) async -> Run {
        let stdout = NIOLockedValueBox<[UInt8]>([])
        let stderr = NIOLockedValueBox("")
        let output = OutputBuffer(capacity: 256) { bytes in
            stdout.withLockedValue { $0 += bytes }
            return true
        }
        let status = await ConsoleConsumerCommand.execute(
            argv, output: output, errorText: { text in stderr.withLockedValue { $0 += text } },
            onStop: { handler in stop?.withLockedValue { $0 = handler } }, randomGroupNumber: { 7 }
        ) { _ in consumer }
        // Timestamps of log lines vary.
        let errors = stderr.withLockedValue { $0 }.replacing(/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\]/, with: "[ts]")
        return Run(
            status: status, stdout: String(decoding: stdout.withLockedValue { $0 }, as: UTF8.self), stderr: errors)
    }

    static func records(_ values: ClosedRange<Int>, partition: Int32 = 0) -> [ConsumerRecord] {
        values.map { Support.record(key: nil, value: "m\($0)", offset: Int64($0), partition: partition) }
    }

    @Test func maxMessagesPutsBackWhatWasFetchedButNotPrinted() async {
        let consumer = FakeConsoleConsumer([.records(Self.records(0...4)), .records(Self.records(5...9))])
        let run = await Self.run(
            Self.server + ["--topic", "t", "--partition", "0", "--offset", "earliest", "--max-messages", "3"], consumer)
        #expect(run == Run(status: 0, stdout: "m0\nm1\nm2\n", stderr: "Processed a total of 3 messages\n"))
        #expect(consumer.calls == ["assign [\"t-0\"]", "seekToBeginning", "poll", "seek topic-0 3", "close"])
    }

    @Test func zeroMaxMessagesReadsNothing() async {
        let consumer = FakeConsoleConsumer([.records(Self.records(0...4))])
        let run = await Self.run(Self.server + ["--topic", "t", "--max-messages", "0"], consumer)
        #expect(run == Run(status: 0, stdout: "", stderr: "Processed a total of 0 messages\n"))
        #expect(consumer.calls == ["subscribe [\"t\"]", "close"])
    }

    @Test func timeoutEndsQuietlyWithTheCount() async {
        let consumer = FakeConsoleConsumer([.records(Self.records(0...1))])
        let run = await Self.run(Self.server + ["--topic", "t", "--timeout-ms", "50"], consumer)
        #expect(run == Run(status: 0, stdout: "m0\nm1\n", stderr: "Processed a total of 2 messages\n"))
    }

    @Test func aStopSignalClosesTheConsumerAndReportsTheCount() async throws {
        let consumer = FakeConsoleConsumer([.records(Self.records(0...1))], blockWhenDone: true)
        let stop = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)
        async let run = Self.run(Self.server + ["--include", "t.*", "--enable-systest-events"], consumer, stop: stop)
        while consumer.calls.filter({ $0 == "poll" }).count < 2 { try await Task.sleep(for: .milliseconds(5)) }
        stop.withLockedValue { $0 }?()
        #expect(
            await run
                == Run(status: 0, stdout: "m0\nm1\nshutdown_complete\n", stderr: "Processed a total of 2 messages\n"))
        #expect(consumer.calls.first == "subscribe /t.*/")
        #expect(consumer.calls.last == "close")
    }

    @Test func skippedRecordsAreLoggedAndCounted() async {
        let bad = Support.record(key: nil, value: "xxx", offset: 1)
        let consumer = FakeConsoleConsumer([.records([Self.records(0...0)[0], bad] + Self.records(2...2))])
        let run = await Self.run(
            Self.server + [
                "--topic", "t", "--max-messages", "3", "--skip-message-on-error", "--value-deserializer",
                "org.apache.kafka.common.serialization.ShortDeserializer",
            ], consumer)
        // "m0" is two bytes: a Short. So is "m2".
        #expect(run.status == 0)
        #expect(run.stdout == "27952\n27954\n")
        #expect(
            run.stderr == """
                [ts] ERROR Error processing message, skipping this message: org.apache.kafka.common.errors.SerializationException: Size of data received by ShortDeserializer is not 2 (org.apache.kafka.tools.consumer.ConsoleConsumer)
                Processed a total of 3 messages

                """)
    }

    @Test func aFormatterErrorEndsTheRunAfterTheCount() async {
        let consumer = FakeConsoleConsumer([.records(Self.records(1...3))])
        let run = await Self.run(
            Self.server + [
                "--topic", "t", "--partition", "1", "--offset", "1", "--value-deserializer",
                "org.apache.kafka.common.serialization.IntegerDeserializer",
            ], consumer)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                Processed a total of 1 messages
                [ts] ERROR Unknown error when running consumer: org.apache.kafka.common.errors.SerializationException: Size of data received by IntegerDeserializer is not 4 (org.apache.kafka.tools.consumer.ConsoleConsumer)

                """)
        // The two records after the failing one go back, so a commit would not skip them.
        #expect(consumer.calls == ["assign [\"t-1\"]", "seek t-1 1", "poll", "seek topic-0 2", "close"])
    }

    @Test func aFailedPollIsOneErrorLineAndExitOne() async {
        let failure = KafkaClientError.broker(KafkaBrokerError(.topicAuthorizationFailed))
        let consumer = FakeConsoleConsumer([.records(Self.records(0...0)), .failure(failure)])
        let run = await Self.run(Self.server + ["--topic", "t"], consumer)
        #expect(run.status == 1)
        #expect(run.stdout == "m0\n")
        #expect(
            run.stderr == """
                [ts] ERROR Error processing message, terminating consumer process: \(failure) (org.apache.kafka.tools.consumer.ConsoleConsumer)
                Processed a total of 1 messages

                """)
    }

    @Test func anUnreachableClusterIsOneLineNamingTheAddress() async {
        let unreachable = KafkaClientError.bootstrapUnreachable(
            servers: ["localhost:9092"], reason: "Connection refused")
        let consumer = FakeConsoleConsumer([], unreachable: unreachable)
        let run = await Self.run(Self.server + ["--topic", "t"], consumer)
        #expect(
            run
                == Run(
                    status: 1, stdout: "",
                    stderr: """
                        [ts] ERROR Error processing message, terminating consumer process: Could not connect to any bootstrap server (localhost:9092): Connection refused (org.apache.kafka.tools.consumer.ConsoleConsumer)
                        Processed a total of 0 messages

                        """))
    }

    @Test func aSubscribeFailureIsReportedWithoutACount() async {
        let consumer = FakeConsoleConsumer([])
        let run = await Self.run(Self.server + ["--include", "("], consumer)
        #expect(
            run
                == Run(
                    status: 1, stdout: "",
                    stderr:
                        "[ts] ERROR Unknown error when running consumer: bad pattern (org.apache.kafka.tools.consumer.ConsoleConsumer)\n"
                ))
    }

    @Test func unknownPropertiesAreWarnedAbout() async {
        let consumer = FakeConsoleConsumer([])
        let run = await Self.run(
            Self.server + ["--topic", "t", "--command-property", "max.poll.record=5", "--max-messages", "0"], consumer)
        #expect(
            run.stderr == """
                [ts] WARN The configuration 'max.poll.record' was supplied but isn't a known config. (org.apache.kafka.clients.consumer.ConsumerConfig)
                Processed a total of 0 messages

                """)
    }

    @Test func usageErrorsAreOneLineAndHelpIsStdout() async {
        let consumer = FakeConsoleConsumer([])
        #expect(
            await Self.run(["--topic", "t"], consumer)
                == Run(status: 1, stdout: "", stderr: "Missing required argument \"[bootstrap-server]\"\n"))
        #expect(
            await Self.run(["--nosuch"], consumer)
                == Run(status: 1, stdout: "", stderr: "nosuch is not a recognized option\n"))
        let help = await Self.run(["--help"], consumer)
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: ") && help.stderr.isEmpty)
        #expect(await Self.run(["--version"], consumer) == Run(status: 0, stdout: "4.0.0-swift\n", stderr: ""))
        #expect(consumer.calls.isEmpty)
    }

    @Test func theNoOpFormatterPrintsNothingButCounts() async {
        let consumer = FakeConsoleConsumer([.records(Self.records(0...4))])
        let run = await Self.run(
            Self.server + [
                "--topic", "t", "--max-messages", "5", "--formatter",
                "org.apache.kafka.tools.consumer.NoOpMessageFormatter",
            ],
            consumer)
        #expect(run == Run(status: 0, stdout: "", stderr: "Processed a total of 5 messages\n"))
    }

    /// `--offset -N`: N offsets before the log end (100 in the fake), never before its start (0).
    @Test(arguments: [("-5", "seek t-0 95"), ("-500", "seek t-0 0")])
    func lastNOffsetsSeekFromTheLogEnd(offset: String, seek: String) async {
        let consumer = FakeConsoleConsumer([.records(Self.records(95...99))])
        let run = await Self.run(
            Self.server + ["--topic", "t", "--partition", "0", "--offset", offset, "--max-messages", "5"], consumer)
        #expect(run == Run(status: 0, stdout: "m95\nm96\nm97\nm98\nm99\n", stderr: "Processed a total of 5 messages\n"))
        #expect(consumer.calls == ["assign [\"t-0\"]", "beginningOffsets", "endOffsets", seek, "poll", "close"])
    }

    /// `--offset @ms` / ISO time: the first offset at or after the time (the fake's index: 1000 → 10,
    /// 2000 → 20), or the end when no record is that recent.
    @Test(arguments: [
        ("@1500", "seek t-0 20"), ("@1000", "seek t-0 10"), ("1970-01-01T00:00:01.001Z", "seek t-0 20"),
        ("@2001", "seekToEnd"),
    ])
    func timesSeekToTheFirstOffsetAtOrAfterThem(offset: String, seek: String) async {
        let consumer = FakeConsoleConsumer([])
        let run = await Self.run(
            Self.server + ["--topic", "t", "--partition", "0", "--offset", offset, "--timeout-ms", "10"], consumer)
        #expect(run == Run(status: 0, stdout: "", stderr: "Processed a total of 0 messages\n"))
        #expect(Array(consumer.calls.prefix(3)) == ["assign [\"t-0\"]", "offsetsForTimes", seek])
    }

    /// `--output json`: kcat -J's fields, one object per line; headers only when there are some; deserializers
    /// apply, print.* properties do not.
    @Test func jsonOutputIsOneObjectPerRecord() async {
        let records = [
            Support.record(
                key: "k\"1", value: "v\n1", offset: 7, partition: 2, timestamp: 1_700_000_000_123, type: .createTime,
                headers: [RecordHeader(key: "h1", value: "a"), RecordHeader(key: "h2", value: String?.none)]),
            Support.record(key: nil, value: nil, offset: 8, partition: 2, timestamp: 5, type: .logAppendTime),
            Support.record(key: "", value: "x", offset: 9),
        ]
        let consumer = FakeConsoleConsumer([.records(records)])
        let run = await Self.run(
            Self.server + [
                "--topic", "t", "--max-messages", "3", "--output", "json", "--formatter-property", "print.key=false",
            ], consumer)
        #expect(
            run
                == Run(
                    status: 0,
                    stdout: """
                        {"topic":"topic","partition":2,"offset":7,"tstype":"create","ts":1700000000123,"headers":["h1","a","h2",null],"key":"k\\"1","payload":"v\\n1"}
                        {"topic":"topic","partition":2,"offset":8,"tstype":"logappend","ts":5,"key":null,"payload":null}
                        {"topic":"topic","partition":0,"offset":9,"tstype":"unknown","ts":-1,"key":"","payload":"x"}

                        """, stderr: "Processed a total of 3 messages\n"))
    }

    @Test func jsonOutputAppliesTheDeserializers() async {
        let record = ConsumerRecord(
            topic: "n", partition: 0, offset: 0, timestamp: 1, timestampType: .createTime,
            key: ByteBuffer(bytes: [0, 0, 0, 42]), value: ByteBuffer(bytes: [0, 0, 0, 0, 0, 0, 1, 0]))
        let consumer = FakeConsoleConsumer([.records([record])])
        let run = await Self.run(
            Self.server + [
                "--topic", "n", "--max-messages", "1", "--output", "json", "--key-deserializer",
                "org.apache.kafka.common.serialization.IntegerDeserializer", "--value-deserializer",
                "org.apache.kafka.common.serialization.LongDeserializer",
            ], consumer)
        #expect(
            run.stdout
                == "{\"topic\":\"n\",\"partition\":0,\"offset\":0,\"tstype\":\"create\",\"ts\":1,\"key\":\"42\",\"payload\":\"256\"}\n")
    }

    /// A stop between polls (no poll waiting) is kept by the consumer: the next poll ends the loop.
    @Test func aStopBetweenPollsEndsTheNextPoll() async throws {
        let consumer = FakeConsoleConsumer([])
        let stop = NIOLockedValueBox<(@Sendable () -> Void)?>(nil)
        async let run = Self.run(Self.server + ["--topic", "t"], consumer, stop: stop)
        while !consumer.calls.contains("poll") { try await Task.sleep(for: .milliseconds(5)) }
        stop.withLockedValue { $0 }?()
        #expect(await run == Run(status: 0, stdout: "", stderr: "Processed a total of 0 messages\n"))
        #expect(consumer.calls.last == "close")
    }
}
