import KafkaCLISupport

/// The options of Apache's `ConsoleProducerOptions` (4.2, with KIP-1147's new names), as jopt-simple declares them:
/// argument arity, value type and default. The help texts live on `ConsoleProducerCommand`.
enum ConsoleProducerOptions {
    typealias Argument = JoptOption.Argument

    /// jopt's `ofType`: values are converted (and may fail) when the tool reads them.
    enum ValueType: Sendable, Hashable {
        case string
        case integer
        case long
    }

    struct Option: Sendable, Hashable {
        let name: String
        let argument: Argument
        let type: ValueType
        /// jopt's `defaultsTo`, as `toString()` gives it.
        let defaultValue: String?

        init(
            _ name: String, _ argument: Argument = .required, _ type: ValueType = .string, default value: String? = nil
        ) {
            self.name = name
            self.argument = argument
            self.type = type
            self.defaultValue = value
        }
    }

    /// A KIP-1147 rename: the old name still works, with a note on stdout, but not together with the new one.
    struct Rename: Sendable, Hashable {
        let old: String
        let new: String

        var conflictMessage: String { "Options --\(old) and --\(new) cannot be specified together." }
        var deprecationNote: String {
            "Option --\(old) is deprecated and will be removed in a future version. Use --\(new) instead."
        }
    }

    static let noArgumentsBlurb = "This tool helps to read data from standard input and publish it to Kafka."
    static let defaultLineReader = "org.apache.kafka.tools.LineMessageReader"

    static let all: [Option] = [
        Option("topic"),
        Option("bootstrap-server"),
        Option("sync", .none),
        Option("compression-codec", .optional),
        Option("batch-size", .required, .integer, default: "16384"),
        Option("message-send-max-retries", .required, .integer, default: "3"),
        Option("retry-backoff-ms", .required, .long, default: "100"),
        Option("timeout", .required, .long, default: "1000"),
        Option("request-required-acks", default: "-1"),
        Option("request-timeout-ms", .required, .integer, default: "1500"),
        Option("metadata-expiry-ms", .required, .long, default: "300000"),
        Option("max-block-ms", .required, .long, default: "60000"),
        Option("max-memory-bytes", .required, .long, default: "33554432"),
        Option("max-partition-memory-bytes", .required, .integer, default: "16384"),
        Option("line-reader", default: defaultLineReader),
        Option("socket-buffer-size", .required, .integer, default: "102400"),
        Option("property"),
        Option("reader-property"),
        Option("reader-config"),
        Option("producer-property"),
        Option("command-property"),
        Option("producer.config"),
        Option("command-config"),
        Option("help", .none),
        Option("version", .none),
    ]

    static let byName: [String: Option] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static let parser = JoptParser(all.map { JoptOption($0.name, argument: $0.argument) })

    static let renames: [Rename] = [
        Rename(old: "property", new: "reader-property"),
        Rename(old: "producer-property", new: "command-property"),
        Rename(old: "producer.config", new: "command-config"),
    ]

    /// The options `maybeMergeOptions` copies into producer properties, in Apache's order. `batch.size` comes twice:
    /// `--max-partition-memory-bytes` given explicitly beats `--batch-size`.
    static let producerMerges: [(property: String, option: String)] = [
        ("linger.ms", "timeout"),
        ("acks", "request-required-acks"),
        ("request.timeout.ms", "request-timeout-ms"),
        ("retries", "message-send-max-retries"),
        ("retry.backoff.ms", "retry-backoff-ms"),
        ("send.buffer.bytes", "socket-buffer-size"),
        ("buffer.memory", "max-memory-bytes"),
        ("batch.size", "batch-size"),
        ("batch.size", "max-partition-memory-bytes"),
        ("metadata.max.age.ms", "metadata-expiry-ms"),
        ("max.block.ms", "max-block-ms"),
    ]
}
