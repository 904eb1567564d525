import KafkaCLISupport
import Testing

@testable import KafkaTools

/// The console producer's options read with jopt-simple's rules (`ConsoleProducerOptions.parser`).
@Suite struct ConsoleProducerArgumentsTests {
    static func parse(_ argv: [String]) throws -> JoptParsedArguments {
        try ConsoleProducerOptions.parser.parse(argv)
    }

    /// The text of the error `body` throws, or nil.
    static func failure<Result>(_ body: () throws -> Result) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func optionSpellings() throws {
        for argv in [["--topic", "t"], ["--topic=t"], ["-topic", "t"], ["-topic=t"], ["--topic=", "t"]] {
            #expect(try Self.parse(argv).value("topic") == "t", "\(argv)")
        }
    }

    @Test func requiredArgumentTakesTheNextTokenWhateverItIs() throws {
        let arguments = try Self.parse(["--topic", "--sync", "--timeout", "-5"])
        #expect(try arguments.value("topic") == "--sync")
        #expect(!arguments.has("sync"))
        #expect(try arguments.consoleProducerValue("timeout") == "-5")
    }

    @Test func compressionCodecTakesAnOptionalValue() throws {
        #expect(try Self.parse(["--compression-codec", "lz4"]).value("compression-codec") == "lz4")
        #expect(try Self.parse(["--compression-codec=zstd"]).value("compression-codec") == "zstd")
        let bare = try Self.parse(["--compression-codec", "--sync"])
        #expect(bare.has("compression-codec") && bare.has("sync"))
        #expect(try bare.value("compression-codec") == nil)
        #expect(try Self.parse(["--compression-codec"]).has("compression-codec"))
    }

    @Test func repeatableOptionsKeepEveryValueInOrder() throws {
        let arguments = try Self.parse(["--reader-property", "a=1", "-reader-property=b=2", "--reader-property", "c"])
        #expect(arguments.values("reader-property") == ["a=1", "b=2", "c"])
    }

    @Test func everyApacheOptionIsKnown() throws {
        let names = [
            "topic", "bootstrap-server", "batch-size", "message-send-max-retries", "retry-backoff-ms", "timeout",
            "request-required-acks", "request-timeout-ms", "metadata-expiry-ms", "max-block-ms", "max-memory-bytes",
            "max-partition-memory-bytes", "line-reader", "socket-buffer-size", "property", "reader-property",
            "reader-config", "producer-property", "command-property", "producer.config", "command-config",
        ]
        let arguments = try Self.parse(names.flatMap { ["--\($0)", "1"] } + ["--sync", "--compression-codec"])
        for name in names + ["sync", "compression-codec"] { #expect(arguments.has(name), "\(name)") }
        #expect(Self.failure { try Self.parse(["--broker-list", "h:1"]) } == "broker-list is not a recognized option")
        #expect(Self.failure { try Self.parse(["--top", "t"]) } == "top is not a recognized option")
    }

    @Test func valuesAreConvertedWhenRead() throws {
        let arguments = try Self.parse([
            "--batch-size", "+007", "--max-block-ms", "abc", "--topic", "a", "--topic", "b",
        ])
        #expect(try arguments.consoleProducerValue("batch-size") == "7")
        #expect(
            Self.failure { try arguments.consoleProducerValue("max-block-ms") }
                == "Cannot parse argument 'abc' of option max-block-ms")
        #expect(
            Self.failure { try arguments.consoleProducerValue("topic") }
                == "Found multiple arguments for option topic, but you asked for only one")
        // Integer options overflow as Java's Integer.valueOf does; long ones take 64 bits.
        #expect(
            Self.failure { try Self.parse(["--batch-size", "2147483648"]).consoleProducerValue("batch-size") }
                == "Cannot parse argument '2147483648' of option batch-size")
        #expect(try Self.parse(["--timeout", "2147483648"]).consoleProducerValue("timeout") == "2147483648")
        #expect(
            Self.failure { try Self.parse(["--timeout", " 5"]).consoleProducerValue("timeout") }
                == "Cannot parse argument ' 5' of option timeout")
        #expect(try Self.parse([]).consoleProducerValue("timeout") == "1000")
    }
}
