import ArgumentParser
import KafkaCLISupport

/// `kafka-console-producer`: Apache's `ConsoleProducer` with its command line, output and exit codes (differences
/// in docs/cli-compat.md).
///
/// The properties below describe the options for `--help`, the shell completions and the man page; the command line
/// itself is read by `ConsoleProducerOptions.parser` (a `JoptParser`) with jopt-simple's rules (`-topic t`,
/// `--compression-codec` with an optional value, ignored strays), which swift-argument-parser does not follow.
public struct ConsoleProducerCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-console-producer",
        abstract: "Read data from standard input and publish it to Kafka.",
        discussion: ConsoleProducerOptions.noArgumentsBlurb,
        // jopt knows no `-h`; only `--help` is listed.
        helpNames: .long
    )

    @Option(help: ArgumentHelp("REQUIRED: The topic name to produce messages to.", valueName: "topic"))
    var topic: String?

    @Option(
        help: ArgumentHelp(
            "REQUIRED: The server(s) to connect to. The broker list string in the form HOST1:PORT1,HOST2:PORT2.",
            valueName: "server to connect to"))
    var bootstrapServer: String?

    @Flag(help: "If set message send requests to the brokers are synchronously, one at a time as they arrive.")
    var sync = false

    @Option(
        help: ArgumentHelp(
            "The compression codec: either 'none', 'gzip', 'snappy', 'lz4', or 'zstd'. If specified without value, "
                + "then it defaults to 'gzip'", valueName: "compression-codec"))
    var compressionCodec: String?

    @Option(
        help: ArgumentHelp(
            "Number of messages to send in a single batch if they are not being sent synchronously. Please note that "
                + "this option will be replaced if max-partition-memory-bytes is also set. (default: 16384)",
            valueName: "size"))
    var batchSize: Int32?

    @Option(
        help: ArgumentHelp(
            "Brokers can fail receiving the message for multiple reasons, and being unavailable transiently is just "
                + "one of them. This property specifies the number of retries before the producer give up and drop "
                + "this message. This is the option to control `retries` in producer configs. (default: 3)",
            valueName: "Integer"))
    var messageSendMaxRetries: Int32?

    @Option(
        help: ArgumentHelp(
            "Before each retry, the producer refreshes the metadata of relevant topics. Since leader election takes a "
                + "bit of time, this property specifies the amount of time that the producer waits before refreshing "
                + "the metadata. This is the option to control `retry.backoff.ms` in producer configs. (default: 100)",
            valueName: "Long"))
    var retryBackoffMs: Int64?

    @Option(
        help: ArgumentHelp(
            "If set and the producer is running in asynchronous mode, this gives the maximum amount of time a message "
                + "will queue awaiting sufficient batch size. The value is given in ms. This is the option to control "
                + "`linger.ms` in producer configs. (default: 1000)", valueName: "timeout_ms"))
    var timeout: Int64?

    @Option(
        help: ArgumentHelp(
            "The required `acks` of the producer requests (default: -1)", valueName: "request required acks"))
    var requestRequiredAcks: String?

    @Option(
        help: ArgumentHelp(
            "The ack timeout of the producer requests. Value must be non-negative and non-zero. (default: 1500)",
            valueName: "request timeout ms"))
    var requestTimeoutMs: Int32?

    @Option(
        help: ArgumentHelp(
            "The period of time in milliseconds after which we force a refresh of metadata even if we haven't seen any "
                + "leadership changes. This is the option to control `metadata.max.age.ms` in producer configs. "
                + "(default: 300000)", valueName: "metadata expiration interval"))
    var metadataExpiryMs: Int64?

    @Option(
        help: ArgumentHelp(
            "The max time that the producer will block for during a send request. (default: 60000)",
            valueName: "max block on send"))
    var maxBlockMs: Int64?

    @Option(
        help: ArgumentHelp(
            "The total memory used by the producer to buffer records waiting to be sent to the server. This is the "
                + "option to control `buffer.memory` in producer configs. (default: 33554432)",
            valueName: "total memory in bytes"))
    var maxMemoryBytes: Int64?

    @Option(
        help: ArgumentHelp(
            "The buffer size allocated for a partition. When records are received which are smaller than this size "
                + "the producer will attempt to optimistically group them together until this size is reached. This "
                + "is the option to control `batch.size` in producer configs. (default: 16384)",
            valueName: "memory in bytes per partition"))
    var maxPartitionMemoryBytes: Int32?

    @Option(
        help: ArgumentHelp(
            "The class name of the class to use for reading lines from standard in. By default each line is read as a "
                + "separate message. Only org.apache.kafka.tools.LineMessageReader is available here.",
            valueName: "reader_class"))
    var lineReader: String?

    @Option(
        help: ArgumentHelp(
            "The size of the tcp RECV size. This is the option to control `send.buffer.bytes` in producer configs. "
                + "(default: 102400)", valueName: "size"))
    var socketBufferSize: Int32?

    @Option(
        help: ArgumentHelp(
            "(DEPRECATED) A mechanism to pass user-defined properties in the form key=value to the message reader. "
                + "This option will be removed in a future version. Use --reader-property instead.", valueName: "prop"))
    var property: [String] = []

    @Option(help: ArgumentHelp(Self.readerPropertyHelp, valueName: "prop"))
    var readerProperty: [String] = []

    @Option(
        help: ArgumentHelp(
            "Config properties file for the message reader. Note that [reader-property] takes precedence over this "
                + "config.", valueName: "config file"),
        completion: .file())
    var readerConfig: String?

    @Option(
        help: ArgumentHelp(
            "(DEPRECATED) Producer config properties in the form key=value. This option will be removed in a future "
                + "version. Use --command-property instead.", valueName: "producer_prop"))
    var producerProperty: [String] = []

    @Option(help: ArgumentHelp("Producer config properties in the form key=value.", valueName: "producer_prop"))
    var commandProperty: [String] = []

    @Option(
        name: .customLong("producer.config"),
        help: ArgumentHelp(
            "(DEPRECATED) Producer config properties file. Note that [command-property] takes precedence over this "
                + "config. This option will be removed in a future version. Use --command-config instead.",
            valueName: "config file"),
        completion: .file())
    var producerConfig: String?

    @Option(
        help: ArgumentHelp(
            "Producer config properties file. Note that [command-property] takes precedence over this config.",
            valueName: "config file"),
        completion: .file())
    var commandConfig: String?

    @Flag(help: "Display Kafka version.")
    var version = false

    static let readerPropertyHelp = """
        A mechanism to pass user-defined properties in the form key=value to the message reader. This allows custom \
        configuration for a user-defined message reader.
        Default properties include:
         parse.key=false
         parse.headers=false
         ignore.error=false
         key.separator=\\t
         headers.delimiter=\\t
         headers.separator=,
         headers.key.separator=:
         null.marker=   When set, any fields (key, value and headers) equal to this will be replaced by null
        Default parsing pattern when:
         parse.headers=true and parse.key=true:
          "h1:v1,h2:v2...\\tkey\\tvalue"
         parse.key=true:
          "key\\tvalue"
         parse.headers=true:
          "h1:v1,h2:v2...\\tvalue"
        """

    public init() {}

    /// The tool's entry point: reads the process arguments, runs, exits with the tool's status.
    public static func runAndExit() async -> Never {
        let argv = toolArguments()
        ToolEntry.exit(await ConsoleProducerTool().execute(argv))
    }
}
