/// Java's `.properties` syntax (as `java.util.Properties.load` reads it), which Apache's `server.properties` uses.
///
/// Lines starting with `#` or `!` (after leading blanks) are comments; a key ends at the first unescaped `=`, `:`
/// or blank, and blanks around that separator are skipped; a line whose last backslash is unescaped continues
/// on the next line with that line's leading blanks dropped; `\t \n \r \f \uXXXX` are escapes and any other
/// escaped character stands for itself.
public enum JavaProperties {
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: String
        /// 1-based line number where the entry starts, for messages.
        public var line: Int
    }

    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case malformedUnicodeEscape(line: Int)

        public var description: String {
            switch self {
            case .malformedUnicodeEscape(let line): return "Malformed \\uxxxx encoding on line \(line)"
            }
        }
    }

    /// The entries in file order; a repeated key appears each time (callers take the last, as Java does).
    public static func parse(_ text: String) throws -> [Entry] {
        var entries: [Entry] = []
        for logical in logicalLines(text) {
            let (key, value) = try splitKeyValue(logical.text, line: logical.line)
            entries.append(Entry(key: key, value: value, line: logical.line))
        }
        return entries
    }

    /// Joins continued lines and drops blank and comment lines.
    private static func logicalLines(_ text: String) -> [(text: Substring, line: Int)] {
        var result: [(text: Substring, line: Int)] = []
        var physical = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[...]
        var lineNumber = 0
        while let raw = physical.popFirst() {
            lineNumber += 1
            let trimmed = raw.drop(while: isBlank)
            guard let first = trimmed.first, first != "#", first != "!" else { continue }
            let start = lineNumber
            var joined = String(trimmed)
            while endsWithContinuation(joined), let next = physical.popFirst() {
                lineNumber += 1
                joined.removeLast()
                joined += next.drop(while: isBlank)
            }
            if endsWithContinuation(joined) { joined.removeLast() }  // a continuation at end of file
            result.append((Substring(joined), start))
        }
        return result
    }

    /// An odd number of trailing backslashes means the last one escapes the line break.
    private static func endsWithContinuation(_ line: String) -> Bool {
        line.reversed().prefix(while: { $0 == "\\" }).count % 2 == 1
    }

    private static func splitKeyValue(_ line: Substring, line number: Int) throws -> (String, String) {
        var index = line.startIndex
        var keyEnd = line.endIndex
        var escaped = false
        while index < line.endIndex {
            let character = line[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=" || character == ":" || isBlank(character) {
                keyEnd = index
                break
            }
            index = line.index(after: index)
        }
        var rest = line[keyEnd...].drop(while: isBlank)
        if let separator = rest.first, separator == "=" || separator == ":" {
            rest = rest.dropFirst().drop(while: isBlank)
        }
        return (try unescape(line[..<keyEnd], line: number), try unescape(rest, line: number))
    }

    private static func unescape(_ text: Substring, line: Int) throws -> String {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            guard let escaped = iterator.next() else { break }
            switch escaped {
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "f": result.append("\u{0C}")
            case "u":
                var code: UInt32 = 0
                for _ in 0..<4 {
                    guard let digit = iterator.next()?.hexDigitValue else {
                        throw ParseError.malformedUnicodeEscape(line: line)
                    }
                    code = code * 16 + UInt32(digit)
                }
                // A lone surrogate has no Unicode scalar; Java would keep it, we substitute U+FFFD.
                result.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: result.append(escaped)
            }
        }
        return result
    }

    private static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{0C}"
    }
}
