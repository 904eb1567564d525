import KafkaCLISupport

/// The times `--to-datetime` and `--by-duration` name, parsed as Apache parses them.
enum ResetTimestamps {
    enum Failure: Error, Hashable, CustomStringConvertible {
        /// `IllegalArgumentException`: a usage error in Apache.
        case noT
        /// `java.text.ParseException`.
        case unparseableDate(String)
        /// `DateTimeParseException` from `Duration.parse`.
        case badDuration(String)

        var description: String {
            switch self {
            case .noT: return "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format"
            case .unparseableDate(let text): return "java.text.ParseException: Unparseable date: \"\(text)\""
            case .badDuration: return "java.time.format.DateTimeParseException: Text cannot be parsed to a Duration"
            }
        }
    }

    /// `Utils.getDateTime`: `yyyy-MM-dd'T'HH:mm:ss.SSS` with a zone `Z`, `±HH`, `±HHMM` or `±HH:MM`; `Z` is
    /// assumed when the time part has no zone. Milliseconds since the epoch.
    static func dateTime(_ text: String) throws(Failure) -> Int64 {
        let parts = JavaText.split(text, on: "T")
        guard parts.count >= 2 else { throw .noT }
        let timePart = parts[1]
        var value = text
        if !(timePart.contains("+") || timePart.contains("-") || timePart.contains("Z")) { value += "Z" }
        guard let millis = parseISO(value) else { throw .unparseableDate(value) }
        return millis
    }

    private static func parseISO(_ text: String) -> Int64? {
        var scanner = Scanner(Array(text.unicodeScalars))
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(), scanner.skip("-"),
            let day = scanner.number(), scanner.skip("T"), let hour = scanner.number(), scanner.skip(":"),
            let minute = scanner.number(), scanner.skip(":"), let second = scanner.number(), scanner.skip("."),
            let milli = scanner.number(), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var offsetMinutes: Int64 = 0
        if scanner.skip("Z") {
        } else if let sign = scanner.next(), sign == "+" || sign == "-" {
            let start = scanner.index
            guard let zone = scanner.number() else { return nil }
            let digits = scanner.index - start
            var hours = zone
            var minutes: Int64 = 0
            if digits == 4 {
                hours = zone / 100
                minutes = zone % 100
            } else if digits == 2, scanner.skip(":") {
                guard let m = scanner.number() else { return nil }
                minutes = m
            } else if digits != 2 {
                return nil
            }
            offsetMinutes = (hours * 60 + minutes) * (sign == "-" ? -1 : 1)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1000 + milli
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `java.time.Duration.parse`: `[-+]PnDTnHnMn.nS` (case-insensitive, each part optional, at least one);
    /// milliseconds.
    static func duration(_ text: String) throws(Failure) -> Int64 {
        var scanner = Scanner(Array(text.uppercased().unicodeScalars))
        var negate: Int64 = 1
        if scanner.skip("-") { negate = -1 } else { _ = scanner.skip("+") }
        guard scanner.skip("P") else { throw .badDuration(text) }
        var total: Int64 = 0
        var parts = 0
        if let days = scanner.signedNumber() {
            guard scanner.skip("D") else { throw .badDuration(text) }
            total += days * 86_400_000
            parts += 1
        }
        if scanner.skip("T") {
            var timeParts = 0
            for (unit, millis) in [("H", Int64(3_600_000)), ("M", 60_000)] {
                let mark = scanner.index
                if let value = scanner.signedNumber() {
                    if scanner.skip(Character(unit)) {
                        total += value * millis
                        timeParts += 1
                    } else {
                        scanner.index = mark
                    }
                }
            }
            if let seconds = scanner.signedNumber() {
                var fraction: Int64 = 0
                if scanner.skip(".") || scanner.skip(",") {
                    let start = scanner.index
                    let digits = scanner.number() ?? 0
                    let count = scanner.index - start
                    guard count <= 9 else { throw .badDuration(text) }
                    fraction = count >= 3 ? digits / pow10(count - 3) : digits * pow10(3 - count)
                    if seconds < 0 { fraction = -fraction }
                }
                guard scanner.skip("S") else { throw .badDuration(text) }
                total += seconds * 1000 + fraction
                timeParts += 1
            }
            guard timeParts > 0 else { throw .badDuration(text) }
            parts += timeParts
        }
        guard parts > 0, scanner.atEnd else { throw .badDuration(text) }
        return total * negate
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }

    /// A cursor over unicode scalars.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index == scalars.count }

        mutating func next() -> Character? {
            guard index < scalars.count else { return nil }
            defer { index += 1 }
            return Character(scalars[index])
        }

        mutating func skip(_ character: Character) -> Bool {
            guard index < scalars.count, Character(scalars[index]) == character else { return false }
            index += 1
            return true
        }

        /// ASCII digits (at most 18, so the value fits).
        mutating func number() -> Int64? {
            var value: Int64 = 0
            let start = index
            while index < scalars.count, index - start < 18, let digit = scalars[index].properties.numericType != nil
                ? Int64(String(scalars[index])) : nil, scalars[index].isASCII
            {
                value = value * 10 + digit
                index += 1
            }
            return index > start ? value : nil
        }

        mutating func signedNumber() -> Int64? {
            let mark = index
            var sign: Int64 = 1
            if skip("-") { sign = -1 } else { _ = skip("+") }
            guard let value = number() else {
                index = mark
                return nil
            }
            return sign * value
        }
    }
}
