import KafkaClient
import KafkaProtocol
import Logging
import NIOCore

/// The `--formatter` classes this tool has: Apache's DefaultMessageFormatter, LoggingMessageFormatter (the default
/// output plus an INFO log line per record, hidden at the tools' WARN level as in Apache) and NoOpMessageFormatter.
enum ConsoleFormatter: Sendable {
    case standard(DefaultMessageFormatter)
    case logging(DefaultMessageFormatter)
    case noOp
    /// `--output json`.
    case json(JSONRecordFormatter)

    static let package = "org.apache.kafka.tools.consumer."
    static let defaultClass = package + "DefaultMessageFormatter"
    /// Apache's formatters for its internal topics; not written yet.
    static let notSupportedYet = [
        "OffsetsMessageFormatter", "GroupMetadataMessageFormatter", "TransactionLogMessageFormatter",
    ]
    .map { package + $0 }

    /// The formatter classes, as `Class.forName` finds them.
    enum Kind: Sendable, Hashable {
        case standard, logging, noOp, json

        init(className: String) throws(FormatterConfigurationError) {
            switch className {
            case ConsoleFormatter.defaultClass: self = .standard
            case ConsoleFormatter.package + "LoggingMessageFormatter": self = .logging
            case ConsoleFormatter.package + "NoOpMessageFormatter": self = .noOp
            case let name where ConsoleFormatter.notSupportedYet.contains(name):
                throw FormatterConfigurationError(message: "The formatter \(name) is not supported yet")
            default:
                throw FormatterConfigurationError(
                    message: "Class \(className) not found: the formatters are \(ConsoleFormatter.defaultClass), "
                        + "\(ConsoleFormatter.package)LoggingMessageFormatter and "
                        + "\(ConsoleFormatter.package)NoOpMessageFormatter")
            }
        }
    }

    /// `formatter.configure(properties)`.
    init(kind: Kind, properties: [String: String]) throws(FormatterConfigurationError) {
        switch kind {
        case .standard: self = .standard(try DefaultMessageFormatter(properties: properties))
        case .logging: self = .logging(try DefaultMessageFormatter(properties: properties))
        case .noOp: self = .noOp
        case .json: self = .json(try JSONRecordFormatter(properties: properties))
        }
    }

    private static let loggingLogger = Logger(label: package + "LoggingMessageFormatter")

    @inline(__always)
    func write(_ record: ConsumerRecord, to output: OutputBuffer) throws(FormatterError) {
        switch self {
        case .standard(let formatter):
            try formatter.write(record, to: output)
        case .logging(let formatter):
            try formatter.write(record, to: output)
            guard Self.loggingLogger.logLevel <= .info else { return }
            Self.loggingLogger.info("\(Self.loggingLine(record))")
        case .noOp:
            break
        case .json(let formatter):
            try formatter.write(record, to: output)
        }
    }

    /// LoggingMessageFormatter's INFO text, with its quirk: a null key reads `key:null ` (no comma).
    static func loggingLine(_ record: ConsumerRecord) -> String {
        let timestamp = record.timestampType == .noTimestamp ? "" : "\(record.timestampType.name):\(record.timestamp), "
        let key = "key:" + (record.key.map { String(buffer: $0) + ", " } ?? "null ")
        let value = "value:" + (record.value.map { String(buffer: $0) } ?? "null")
        return timestamp + key + value
    }
}
