extension LineMessageReader {
    /// Rejected reader properties; the texts are `LineMessageReader.configure`'s `KafkaException` messages.
    public enum ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Two separators (or the null marker and a separator) given the same text, e.g. `headers.delimiter` and
        /// `headers.separator`.
        case mayNotBeEqual(String, String)
        /// `headers.separator` is not a valid regular expression (Java fails in `Pattern.compile` instead).
        case invalidHeadersSeparator(pattern: String, reason: String)

        public var description: String {
            switch self {
            case .mayNotBeEqual(let first, let second): return "\(first) and \(second) may not be equal"
            case .invalidHeadersSeparator(let pattern, let reason):
                return "Invalid headers.separator regular expression '\(pattern)': \(reason)"
            }
        }
    }

    /// A line the reader cannot turn into a record; the texts are Apache's.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case missingHeadersDelimiter(lineNumber: Int, line: String)
        case missingKeySeparator(lineNumber: Int, line: String)
        case missingHeaderKeySeparator(pair: String, lineNumber: Int)
        /// Raised even with `ignore.error`: a header key cannot be null.
        case headerKeyIsNullMarker(nullMarker: String)

        public var description: String {
            switch self {
            case .missingHeadersDelimiter(let number, let line):
                return "No headers delimiter found on line number \(number): '\(line)'"
            case .missingKeySeparator(let number, let line):
                return "No key separator found on line number \(number): '\(line)'"
            case .missingHeaderKeySeparator(let pair, let number):
                return "No header key separator found in pair '\(pair)' on line number \(number)"
            case .headerKeyIsNullMarker(let nullMarker):
                return "Header keys should not be equal to the null marker '\(nullMarker)' as they can't be null"
            }
        }
    }
}
