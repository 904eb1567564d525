import Logging

/// The tools' log4j set-up (`tools-log4j`): WARN and above, on stderr, as `[ts] LEVEL message (logger)`, where the
/// swift-log label plays the Java logger name. The client libraries log their routine steps at INFO, which stays
/// hidden as it does under Apache's tools.
public struct ToolLogHandler: LogHandler {
    public var logLevel: Logger.Level = .warning
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    /// Installs the handler for the whole process; call once, at the tool's entry point.
    public static func bootstrap() {
        LoggingSystem.bootstrap { ToolLogHandler(label: $0) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        writeToStandardError(
            LogLine.format(level: Self.levelName(event.level), message: "\(event.message)", logger: label) + "\n")
    }

    /// log4j's names (swift-log's notice and critical have no log4j counterpart).
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: return "TRACE"
        case .debug: return "DEBUG"
        case .info, .notice: return "INFO"
        case .warning: return "WARN"
        case .error: return "ERROR"
        case .critical: return "FATAL"
        }
    }
}
