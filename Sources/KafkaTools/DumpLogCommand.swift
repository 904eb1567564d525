import ArgumentParser
import KafkaCLISupport

/// `kafka-dump-log`: prints what is in segment and index files, offline, line for line as Apache's
/// `DumpLogSegments` does.
public struct DumpLogCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-dump-log",
        abstract: "Print the contents of Kafka log segments and indexes.",
        discussion: blurb,
        version: ToolEntry.version
    )

    static let blurb =
        "This tool helps to parse a log file and dump its contents to the console, useful for debugging a seemingly "
        + "corrupt log segment."

    @Option(
        help: ArgumentHelp(
            "REQUIRED: The comma separated list of data and index log files to be dumped.",
            valueName: "file1, file2, ..."))
    public var files: String?

    @Flag(help: "If set, uses deep instead of shallow iteration. Automatically set if print-data-log is enabled.")
    public var deepIteration = false

    @Flag(help: "If set, printing the messages content when dumping data logs.")
    public var printDataLog = false

    @Flag(help: "Whether to skip printing metadata for each record.")
    public var skipRecordMetadata = false

    @Option(
        help: ArgumentHelp(
            "Limit the amount of total batches read in bytes avoiding reading the whole .log file(s).",
            valueName: "size"))
    public var maxBytes: Int32 = Int32.max

    @Option(help: ArgumentHelp("Size of largest message.", valueName: "size"))
    public var maxMessageSize: Int32 = 5 * 1024 * 1024

    @Flag(help: "If set, just verify the index log without printing its content.")
    public var verifyIndexOnly = false

    @Flag(
        help:
            "If set, just checks the index sanity without printing its content. This is the same check that is executed on broker startup to determine if an index needs rebuilding or not."
    )
    public var indexSanityCheck = false

    @Option(
        help: ArgumentHelp(
            "If set, used to deserialize the keys. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.",
            valueName: "class"))
    public var keyDecoderClass: String?

    @Option(
        help: ArgumentHelp(
            "If set, used to deserialize the messages. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.",
            valueName: "class"))
    public var valueDecoderClass: String?

    @Flag(help: "If set, log data will be parsed as offset data from the __consumer_offsets topic.")
    public var offsetsDecoder = false

    @Flag(help: "If set, log data will be parsed as transaction metadata from the __transaction_state topic.")
    public var transactionLogDecoder = false

    @Flag(
        help: ArgumentHelp(
            "Check every batch of the .log files (CRC, offsets, trailing bytes) and print one summary line per file; exit 1 when anything is invalid. (Not in Apache's tool.)"
        ))
    public var verify = false

    @Option(
        help: ArgumentHelp(
            "Output format: text (Apache's) or json (one object per line; see docs/json-output.md). (Not in Apache's tool.)",
            valueName: "text|json"))
    var output: OutputFormat = .text

    public init() {}

    public func run() throws {
        guard let files else {
            // Apache prints the blurb for an empty command line and names the missing option otherwise; both exit 1.
            let nothingGiven =
                !deepIteration && !printDataLog && !skipRecordMetadata && maxBytes == Int32.max && !verify
                && output == .text
            printToStandardError(nothingGiven ? Self.blurb : "Missing required argument \"[files]\"")
            printToStandardError(Self.helpMessage())
            throw ExitCode(1)
        }
        // Any decoder option implies --print-data-log, as in Apache's tool.
        let decoding =
            keyDecoderClass != nil || valueDecoderClass != nil || offsetsDecoder || transactionLogDecoder
        var format = DumpLogFormat(
            deepIteration: deepIteration, printData: printDataLog || decoding, skipRecordMetadata: skipRecordMetadata,
            json: output == .json)
        do {
            format.keyDecoder = try keyDecoderClass.map(RecordDecoder.init(className:)) ?? .string
            format.valueDecoder = try valueDecoderClass.map(RecordDecoder.init(className:)) ?? .string
        } catch {
            printToStandardError("\(error)")
            throw ExitCode(1)
        }
        if offsetsDecoder { format.coordinatorRecords = .consumerOffsets }
        if transactionLogDecoder { format.coordinatorRecords = .transactionState }
        let paths = files.split(separator: ",").map(String.init)
        let runner = DumpLogRunner(
            format: format, maxBytes: Int(maxBytes), verify: verify, verifyIndexOnly: verifyIndexOnly,
            indexSanityCheck: indexSanityCheck, maxMessageSize: Int(maxMessageSize))
        let ok = runner.run(paths: paths, output: DumpOutput(out: { writeToStandardOutput(bytes: $0) }, error: writeToStandardError))
        if !ok { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
