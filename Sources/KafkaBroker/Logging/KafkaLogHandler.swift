import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints swift-log records as Apache Kafka's default log4j layout does, on stdout:
/// `[2025-01-07 05:07:18,136] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)`.
/// The logger's label plays the part of the Java logger name (the class in parentheses).
public struct KafkaLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let output: KafkaLogOutput

    public init(label: String, output: KafkaLogOutput = .standardOutput) {
        self.label = label
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "[\(KafkaLogTimestamp.now())] \(Self.levelName(event.level)) \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        line += " (\(label))\n"
        output.write(line)
    }

    /// log4j's level names (swift-log's notice and critical have no log4j counterpart).
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

/// Where formatted lines go: a file descriptor (each line in one write(2), so lines from different threads
/// never interleave), or a closure for tests.
public struct KafkaLogOutput: Sendable {
    let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardOutput = KafkaLogOutput { line in writeFully(1, line) }
}

private func writeFully(_ descriptor: Int32, _ line: String) {
    var text = line
    text.withUTF8 { bytes in
        var remaining = UnsafeRawBufferPointer(bytes)
        while !remaining.isEmpty {
            let written = write(descriptor, remaining.baseAddress, remaining.count)
            if written <= 0 { return }
            remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
        }
    }
}
