#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A diagnostic in the shape of Apache's tools-log4j layout, `[ts] LEVEL message (logger)`, so that the one line we
/// print where Apache logs an error and a stack trace still looks like the line users grep for.
public enum LogLine {
    public static func format(level: String, message: String, logger: String, timestamp: String = now()) -> String {
        "[\(timestamp)] \(level) \(message) (\(logger))"
    }

    /// log4j's `%d`: local time as `yyyy-MM-dd HH:mm:ss,SSS`.
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        let milliseconds = Int(spec.tv_nsec / 1_000_000)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday)) "
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)),\(pad(milliseconds, width: 3))"
    }

    private static func pad(_ value: some BinaryInteger, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
