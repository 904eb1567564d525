/// Java's `String.format` pieces the tool's tables use.
enum JavaFormat {
    /// The `-` Apache prints for a missing value (`MISSING_COLUMN_VALUE`).
    static let missing = "-"

    /// `%-Ns`: left-justified, padded with spaces to N UTF-16 units (Java's `String.length()`); never cut.
    static func left(_ text: String, _ width: Int) -> String {
        let length = text.utf16.count
        return length >= width ? text : text + String(repeating: " ", count: width - length)
    }

    /// Java's `String.length()`.
    static func length(_ text: String) -> Int { text.utf16.count }

    /// The widest of `values` (by Java length), at least `minimum`.
    static func width(_ values: [String], minimum: Int) -> Int {
        values.reduce(minimum) { max($0, length($1)) }
    }

    static func text<Value: CustomStringConvertible>(_ value: Value?) -> String {
        value.map(\.description) ?? missing
    }
}
