import Testing

@testable import KafkaTools

/// `readerProps()` and `producerProps()`: file, then key=value options, then forced settings, then
/// `maybeMergeOptions` (explicit option > file or property > option default).
@Suite struct ConsoleProducerPropertiesTests {
    static func properties(_ extra: [String], files: [String: [String: String]] = [:]) throws
        -> ConsoleProducerProperties
    {
        let argv = ["--bootstrap-server", "h:9092", "--topic", "t"] + extra
        guard case .run(let settings, _) = try ConsoleProducerInvocation.decide(argv)
        else { throw ConsoleProducerFailure("not a run") }
        return ConsoleProducerProperties(settings: settings) { path in
            guard let file = files[path] else { throw ConsoleProducerFailure("\(path) (No such file or directory)") }
            return file
        }
    }

    @Test func defaults() throws {
        let producer = try Self.properties([]).producerProperties()
        #expect(
            producer == [
                "bootstrap.servers": "h:9092", "compression.type": "none", "client.id": "console-producer",
                "key.serializer": "org.apache.kafka.common.serialization.ByteArraySerializer",
                "value.serializer": "org.apache.kafka.common.serialization.ByteArraySerializer",
                "linger.ms": "1000", "acks": "-1", "request.timeout.ms": "1500", "retries": "3",
                "retry.backoff.ms": "100",
                "send.buffer.bytes": "102400", "buffer.memory": "33554432", "batch.size": "16384",
                "metadata.max.age.ms": "300000", "max.block.ms": "60000",
            ])
    }

    @Test func explicitOptionBeatsPropertyBeatsDefault() throws {
        let files = ["p.properties": ["linger.ms": "7", "acks": "1", "retries": "9", "client.id": "mine"]]
        let producer = try Self.properties(
            ["--command-config", "p.properties", "--command-property", "retries=5", "--timeout", "20"], files: files
        ).producerProperties()
        #expect(producer["linger.ms"] == "20")  // option given: wins over the file
        #expect(producer["acks"] == "1")  // only in the file: kept, not the option's default -1
        #expect(producer["retries"] == "5")  // --command-property beats the file
        #expect(producer["client.id"] == "mine")
        #expect(producer["max.block.ms"] == "60000")  // neither: the option's default
    }

    @Test func forcedSettingsOverrideTheFile() throws {
        let files = ["p": ["bootstrap.servers": "other:1", "compression.type": "zstd"]]
        let producer = try Self.properties(["--producer.config", "p"], files: files).producerProperties()
        #expect(producer["bootstrap.servers"] == "h:9092")
        #expect(producer["compression.type"] == "none")
        #expect(try Self.properties(["--compression-codec"]).producerProperties()["compression.type"] == "gzip")
        #expect(try Self.properties(["--compression-codec="]).producerProperties()["compression.type"] == "gzip")
        #expect(
            try Self.properties(["--compression-codec", "snappy"]).producerProperties()["compression.type"] == "snappy")
    }

    @Test func compressionCodecGivenTwice() throws {
        #expect(
            ConsoleProducerArgumentsTests.failure {
                try Self.properties(["--compression-codec", "--compression-codec", "lz4"]).producerProperties()
            } == "Found multiple arguments for option compression-codec, but you asked for only one")
    }

    @Test func batchSizeOptions() throws {
        let both = try Self.properties(["--batch-size", "100", "--max-partition-memory-bytes", "200"])
        #expect(try both.producerProperties()["batch.size"] == "200")
        let onlyBatchSize = try Self.properties(["--batch-size", "100", "--producer-property", "batch.size=300"])
        #expect(try onlyBatchSize.producerProperties()["batch.size"] == "100")
        let onlyProperty = try Self.properties(["--command-property", "batch.size=300"])
        #expect(try onlyProperty.producerProperties()["batch.size"] == "300")
    }

    @Test func typedOptionsAreNormalisedOrRejected() throws {
        #expect(
            try Self.properties(["--request-timeout-ms", "+0900"]).producerProperties()["request.timeout.ms"] == "900")
        #expect(
            ConsoleProducerArgumentsTests.failure {
                try Self.properties(["--socket-buffer-size", "1.5"]).producerProperties()
            } == "Cannot parse argument '1.5' of option socket-buffer-size")
        // A bad value is not read when a property already supplies the setting and the option is absent.
        #expect(try Self.properties(["--command-property", "acks=0"]).producerProperties()["acks"] == "0")
    }

    @Test func readerProperties() throws {
        let files = ["r": ["parse.key": "true", "key.separator": ":", "topic": "ignored"]]
        let reader = try Self.properties(
            ["--reader-config", "r", "--reader-property", "key.separator=|", "--reader-property", "null.marker"],
            files: files
        ).readerProperties()
        #expect(reader == ["parse.key": "true", "key.separator": "|", "topic": "t", "null.marker": ""])
        // Apache's quirk, kept: `topic` goes in before the properties, so `--reader-property topic=x` redirects.
        #expect(try Self.properties(["--reader-property", "topic=x"]).readerProperties()["topic"] == "x")
        let old = try Self.properties(["--property", "a=b=c"]).readerProperties()
        #expect(old == ["topic": "t", "a": "b=c"])
    }

    @Test func missingFilesAreOneLine() throws {
        #expect(
            ConsoleProducerArgumentsTests.failure {
                try Self.properties(["--reader-config", "/nope"]).readerProperties()
            }
                == "/nope (No such file or directory)")
        #expect(
            ConsoleProducerArgumentsTests.failure {
                try Self.properties(["--command-config", "/nope"]).producerProperties()
            }
                == "/nope (No such file or directory)")
    }
}
