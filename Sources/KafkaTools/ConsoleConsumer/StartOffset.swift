/// Where `--offset` (or `--from-beginning`, or nothing) starts a `--partition` read: Apache's `earliest`, `latest`
/// and non-negative offsets, and our additions `-N` (the last N offsets) and `@<epoch-ms>` or an ISO-8601 time (the
/// first offset whose timestamp is at or after it).
enum StartOffset: Sendable, Hashable {
    case earliest
    case latest
    case exact(Int64)
    /// `-N`: N offsets before the log end (never before the log start).
    case last(Int64)
    /// `@<ms>` or an ISO-8601 time: ms since the epoch.
    case timestamp(Int64)

    /// `ConsoleConsumerOptions.parseOffset` (`earliest`, `latest` in any case, or a non-negative long), then our
    /// forms; nil for anything else (Apache's message follows).
    static func parse(_ text: String) -> StartOffset? {
        switch text.lowercased() {
        case "earliest": return .earliest
        case "latest": return .latest
        default: break
        }
        if let offset = JavaNumbers.javaLong(text) {
            // Apache refuses negative offsets; `-N` is ours (`-0` is 0, as Java reads it).
            if offset >= 0 { return .exact(offset) }
            return offset == .min ? nil : .last(-offset)
        }
        if text.hasPrefix("@") {
            let digits = text.dropFirst()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }), let ms = Int64(digits) else {
                return nil
            }
            return .timestamp(ms)
        }
        return ISOTimestamp.milliseconds(text).map { .timestamp($0) }
    }
}

/// ISO-8601 date-times as people type them: `2024-05-01T12:00`, `…:30`, `…:30.250`, with `Z`, `±HH`, `±HHMM` or
/// `±HH:MM`; no zone means UTC (as Apache's `--to-datetime` reads it).
enum ISOTimestamp {
    static func milliseconds(_ text: String) -> Int64? {
        let pattern =
            /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?/
        guard let match = try? pattern.wholeMatch(in: text),
            let year = Int64(match.1), let month = Int64(match.2), let day = Int64(match.3),
            let hour = Int64(match.4), let minute = Int64(match.5)
        else { return nil }
        let second = match.6.flatMap { Int64($0) } ?? 0
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var millis: Int64 = 0
        if let fraction = match.7 {
            var digits = String(fraction.prefix(3))
            while digits.count < 3 { digits += "0" }
            millis = Int64(digits) ?? 0
        }
        var offsetMinutes: Int64 = 0
        if let zone = match.8, zone != "Z" {
            let sign: Int64 = zone.hasPrefix("-") ? -1 : 1
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard let hours = Int64(digits.prefix(2)) else { return nil }
            let minutes = digits.count > 2 ? Int64(digits.dropFirst(2)) ?? 0 : 0
            guard hours < 24, minutes < 60 else { return nil }
            offsetMinutes = sign * (hours * 60 + minutes)
        }
        let days = ResetTimestamps.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1000 + millis
    }
}
