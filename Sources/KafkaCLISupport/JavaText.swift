/// Java string operations whose edge cases Apache's messages and parsing depend on.
public enum JavaText {
    /// `String.split(regex)` with a one-character literal separator and limit 0: empty pieces are kept except at
    /// the end, and a text without the separator is returned whole (even when empty).
    public static func split(_ text: String, on separator: Character) -> [String] {
        guard text.contains(separator) else { return [text] }
        var pieces = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        while pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces
    }

    /// `String.trim()`: every character up to U+0020 counts as blank.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return "" }
        return String(scalars[first...last])
    }

    /// `Integer.parseInt`, or its `NumberFormatException` message.
    public static func parseInt(_ text: String) -> Result<Int32, NumberFormatError> {
        JoptParsedArguments.javaInteger(text).map { .success($0) } ?? .failure(NumberFormatError(input: text))
    }

    public struct NumberFormatError: Error, Hashable, Sendable, CustomStringConvertible {
        public let input: String
        public var description: String { "For input string: \"\(input)\"" }
    }

    /// `List.toString()` of integers: `[1, 2]`.
    public static func list(_ values: [Int32]) -> String {
        "[" + values.map(String.init).joined(separator: ", ") + "]"
    }
}
