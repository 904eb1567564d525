import ArgumentParser
import KafkaCLISupport

/// `kafka-dump-log`: prints what is in segment and index files, offline, line for line as Apache's
/// `DumpLogSegments` does.
public struct DumpLogCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kafka-dump-log",
        abstract: "Print the contents of Kafka log segments and indexes.",
        discussion: blurb
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

    public init() {}

    public func run() throws {
        guard let files else {
            // Apache prints the blurb for an empty command line and names the missing option otherwise; both exit 1.
            let nothingGiven = !deepIteration && !printDataLog && !skipRecordMetadata && maxBytes == Int32.max
            printToStandardError(nothingGiven ? Self.blurb : "Missing required argument \"[files]\"")
            printToStandardError(Self.helpMessage())
            throw ExitCode(1)
        }
        let format = DumpLogFormat(
            deepIteration: deepIteration, printData: printDataLog, skipRecordMetadata: skipRecordMetadata)
        let output = DumpOutput(out: writeToStandardOutput, error: writeToStandardError)
        let paths = files.split(separator: ",").map(String.init)
        let ok = DumpLogRunner(format: format, maxBytes: Int(maxBytes)).run(paths: paths, output: output)
        if !ok { throw ExitCode(1) }
    }
}
