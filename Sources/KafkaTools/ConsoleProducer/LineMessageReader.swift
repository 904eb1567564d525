/// Turns the console producer's input lines into records, as Apache's `org.apache.kafka.tools.LineMessageReader`
/// does: `[headers<headers.delimiter>][key<key.separator>]value`, with headers `k1:v1,k2:v2`.
///
/// Configured from the reader properties (`--property`, `--reader-config`); see `init(properties:)`.
/// Not `Sendable`: a regex `headers.separator` is held as the standard library's `Regex`, which is not.
public struct LineMessageReader {
    public let parseKey: Bool
    public let keySeparator: String
    public let parseHeaders: Bool
    public let headersDelimiter: String
    /// A regular expression, as in Java.
    public let headersSeparator: String
    public let headersKeySeparator: String
    /// A key, value or header value equal to this becomes null; a header key equal to it is an error.
    public let nullMarker: String?
    /// Missing separators give a null key, no headers, or a header with a null value instead of an error.
    public let ignoreError: Bool

    // Internal rather than private: the byte-level path (LineMessageReader+ByteBuffer.swift) shares them.
    let splitter: HeadersSplitter
    let keySeparatorBytes: [UInt8]
    let headersDelimiterBytes: [UInt8]
    let headersKeySeparatorBytes: [UInt8]
    let nullMarkerBytes: [UInt8]?

    /// Reads `parse.key`, `key.separator`, `parse.headers`, `headers.delimiter`, `headers.separator`,
    /// `headers.key.separator`, `null.marker` and `ignore.error`, and rejects separators that would be ambiguous,
    /// checking in Apache's order. The checks apply whether or not `parse.key`/`parse.headers` is on, and
    /// `key.separator` may equal `headers.delimiter` (both default to a tab).
    public init(properties: [String: String]) throws {
        parseKey = properties["parse.key"].map(Self.isTrue) ?? false
        keySeparator = properties["key.separator"] ?? "\t"
        parseHeaders = properties["parse.headers"].map(Self.isTrue) ?? false
        headersDelimiter = properties["headers.delimiter"] ?? "\t"
        headersSeparator = properties["headers.separator"] ?? ","
        // Java compiles the pattern before any other check, so a bad pattern is reported first.
        splitter = try HeadersSplitter(pattern: headersSeparator)
        headersKeySeparator = properties["headers.key.separator"] ?? ":"
        ignoreError = properties["ignore.error"].map(Self.isTrue) ?? false
        nullMarker = properties["null.marker"]

        let distinctPairs: [(String, String?, String, String)] = [
            (headersDelimiter, headersSeparator, "headers.delimiter", "headers.separator"),
            (headersDelimiter, headersKeySeparator, "headers.delimiter", "headers.key.separator"),
            (headersSeparator, headersKeySeparator, "headers.separator", "headers.key.separator"),
            (keySeparator, nullMarker, "null.marker", "key.separator"),
            (headersSeparator, nullMarker, "null.marker", "headers.separator"),
            (headersDelimiter, nullMarker, "null.marker", "headers.delimiter"),
            (headersKeySeparator, nullMarker, "null.marker", "headers.key.separator"),
        ]
        for (first, second, firstName, secondName) in distinctPairs {
            if let second, Self.javaEquals(first, second) {
                throw ConfigurationError.mayNotBeEqual(firstName, secondName)
            }
        }

        keySeparatorBytes = Array(keySeparator.utf8)
        headersDelimiterBytes = Array(headersDelimiter.utf8)
        headersKeySeparatorBytes = Array(headersKeySeparator.utf8)
        nullMarkerBytes = nullMarker.map { Array($0.utf8) }
    }

    /// The record for one input line (without its line terminator). `lineNumber` (1-based) is only for messages.
    ///
    /// Headers are cut off first, then the key, and the rest is the value, which may contain more separators.
    /// Errors come in Apache's order: headers delimiter, key separator, then each header pair in turn.
    public func read(line: String, lineNumber: Int) throws -> ConsoleRecord {
        let bytes = Array(line.utf8)
        var headers: ArraySlice<UInt8>?
        var offset = 0
        if parseHeaders {
            if let end = ByteSearch.firstIndex(of: headersDelimiterBytes, in: bytes) {
                headers = bytes[..<end]
                offset = end + headersDelimiterBytes.count
            } else if !ignoreError {
                throw ParseError.missingHeadersDelimiter(lineNumber: lineNumber, line: line)
            }
        }
        var key: ArraySlice<UInt8>?
        if parseKey {
            if let end = ByteSearch.firstIndex(of: keySeparatorBytes, in: bytes, from: offset) {
                key = bytes[offset..<end]
                offset = end + keySeparatorBytes.count
            } else if !ignoreError {
                throw ParseError.missingKeySeparator(lineNumber: lineNumber, line: line)
            }
        }
        var record = ConsoleRecord(key: key.flatMap(nonNull), value: nonNull(bytes[offset...]))
        if let headers, !isNullMarker(headers) {
            record.headers = try splitter.split(Array(headers)).map { try header(from: $0, lineNumber: lineNumber) }
        }
        return record
    }

    func header(from pair: ArraySlice<UInt8>, lineNumber: Int) throws -> ConsoleRecord.Header {
        let pair = Array(pair)
        guard let separator = ByteSearch.firstIndex(of: headersKeySeparatorBytes, in: pair) else {
            // Apache does not check this key against the null marker.
            guard ignoreError else {
                throw ParseError.missingHeaderKeySeparator(pair: String(decoding: pair, as: UTF8.self), lineNumber: lineNumber)
            }
            return ConsoleRecord.Header(key: String(decoding: pair, as: UTF8.self), value: nil)
        }
        let key = pair[..<separator]
        if let nullMarker, isNullMarker(key) { throw ParseError.headerKeyIsNullMarker(nullMarker: nullMarker) }
        let value = pair[(separator + headersKeySeparatorBytes.count)...]
        return ConsoleRecord.Header(key: String(decoding: key, as: UTF8.self), value: nonNull(value))
    }

    func isNullMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        nullMarkerBytes.map { bytes.elementsEqual($0) } ?? false
    }

    /// The bytes, or nil when they spell the null marker.
    private func nonNull(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        isNullMarker(bytes) ? nil : Array(bytes)
    }

    /// Java's `value.trim().equalsIgnoreCase("true")`; `trim` strips every character up to U+0020.
    private static func isTrue(_ value: String) -> Bool {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
              let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return false }
        return String(scalars[first...last]).lowercased() == "true"
    }

    /// Java's `String.equals`: the same code units, not Swift's canonical equivalence.
    private static func javaEquals(_ first: String, _ second: String) -> Bool {
        first.utf8.elementsEqual(second.utf8)
    }
}
