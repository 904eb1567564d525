/// The `key=value` list options of Apache's tools (`--property`, `--producer-property`, `--consumer-property`,
/// `--formatter-property`, `--command-property`, `kafka-server-start --override`), parsed as
/// `CommandLineUtils.parseKeyValueArgs` does.
///
/// Each item is split on its first `=`; the value may hold more `=`. An item without `=` (`k`) or with nothing after
/// it (`k=`) becomes `k=""`. An empty key (`=v`, or an empty item) is accepted as the key `""`: Apache never rejects
/// one either.
public enum KeyValueArguments {
    /// Apache's only failure, raised when missing values are not accepted.
    public struct MissingValueError: Error, Hashable, Sendable, CustomStringConvertible {
        public let key: String

        public init(key: String) { self.key = key }

        /// Apache's text, including the stray `}` its format string ends with (`"Missing value for key %s}"`).
        public var description: String { "Missing value for key \(key)}" }
    }

    /// The pairs in command-line order; a repeated key appears each time.
    ///
    /// - Parameter acceptMissingValue: Apache's default `true` turns `k` and `k=` into `k=""`; `false` throws
    ///   `MissingValueError` for them instead.
    public static func parse(_ items: [String], acceptMissingValue: Bool = true) throws -> [(key: String, value: String)] {
        try items.map { item in
            guard let equals = item.firstIndex(of: "=") else {
                guard acceptMissingValue else { throw MissingValueError(key: item) }
                return (key: item, value: "")
            }
            let key = String(item[..<equals])
            let value = String(item[item.index(after: equals)...])
            if value.isEmpty && !acceptMissingValue { throw MissingValueError(key: key) }
            return (key: key, value: value)
        }
    }

    /// The pairs as a dictionary; a later repeat of a key wins, as `Properties.put` does.
    public static func dictionary(_ items: [String], acceptMissingValue: Bool = true) throws -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in try parse(items, acceptMissingValue: acceptMissingValue) { result[key] = value }
        return result
    }
}
