import ArgumentParser
import KafkaCLISupport
import KafkaClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Apache's `ConsoleProducer.start`: options, then the reader, then the producer, then the loop. Every error is one
/// line on stderr and exit 1 (Apache prints a stack trace or the usage as well).
struct ConsoleProducerTool {
    var writeOut: (String) -> Void = writeToStandardOutput
    var writeError: (String) -> Void = writeToStandardError

    func execute(_ argv: [String]) async -> Int32 {
        let settings: ConsoleProducerSettings
        do {
            switch try ConsoleProducerInvocation.decide(argv) {
            case .usage:
                writeError(ConsoleProducerOptions.noArgumentsBlurb + "\n" + ConsoleProducerCommand.helpMessage() + "\n")
                return 1
            case .help:
                writeOut(ConsoleProducerCommand.helpMessage() + "\n")
                return 0
            case .version:
                writeOut(ToolEntry.version + "\n")
                return 0
            case .run(let decided, let notes):
                for note in notes { writeOut(note + "\n") }
                settings = decided
            }
        } catch {
            writeError("\(error)\n")
            return 1
        }

        let topic: String
        let reader: LineMessageReader
        let config: ProducerConfig
        do {
            let properties = ConsoleProducerProperties(settings: settings)
            let lineReader = try settings.arguments.value("line-reader") ?? ConsoleProducerOptions.defaultLineReader
            guard lineReader == ConsoleProducerOptions.defaultLineReader else {
                throw ConsoleProducerFailure(
                    "Cannot use reader class \(lineReader): only \(ConsoleProducerOptions.defaultLineReader) is available"
                )
            }
            let readerProperties = try properties.readerProperties()
            topic = readerProperties["topic"] ?? ""
            reader = try LineMessageReader(properties: readerProperties)
            let producerProperties = try properties.producerProperties()
            config = try ProducerConfig(properties: producerProperties)
            for key in producerProperties.keys.sorted() where !ProducerConfig.knownProperties.contains(key) {
                writeError(Self.unknownConfigWarning(key) + "\n")
            }
        } catch {
            writeError(String(describing: error) + "\n")
            return 1
        }

        let producer = await KafkaProducer(config: config)
        let failures = SendFailureLog(topic: topic)
        let interactive = isatty(0) != 0 && isatty(1) != 0
        let signals = InterruptHandler.install { number in
            if interactive { ReadlineInput.restoreTerminal() }
            await producer.close()
            ToolEntry.exit(failures.count > 0 ? 1 : 128 + number)
        }
        let loop = ConsoleProducerLoop(
            topic: topic, reader: reader, producer: producer, sync: settings.sync, failures: failures,
            writeError: writeError)
        let status: Int32
        if interactive {
            var input = ReadlineInput()
            status = await loop.run(&input)
        } else {
            var input = ChunkedInput()
            status = await loop.run(&input)
        }
        withExtendedLifetime(signals) {}
        return status
    }

    /// `AbstractConfig.logUnknown`'s line.
    static func unknownConfigWarning(_ key: String, timestamp: String = LogLine.now()) -> String {
        LogLine.format(
            level: "WARN", message: "The configuration '\(key)' was supplied but isn't a known config.",
            logger: "org.apache.kafka.clients.producer.ProducerConfig", timestamp: timestamp)
    }
}
