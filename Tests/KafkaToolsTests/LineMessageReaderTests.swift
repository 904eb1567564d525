import Testing
@testable import KafkaTools

/// Expected results follow Apache's `LineMessageReader` source; split results were checked against Java 17's
/// `Pattern.split`.
@Suite struct LineMessageReaderTests {
    enum Expected: Sendable, CustomStringConvertible {
        case record(ConsoleRecord)
        case error(String)

        var description: String {
            switch self {
            case .record(let record): return "\(record)"
            case .error(let message): return message
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let properties: [String: String]
        let line: String
        var lineNumber = 1
        let expected: Expected

        var testDescription: String { name }
    }

    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private static func record(key: String? = nil, value: String?, headers: [(String, String?)] = []) -> Expected {
        .record(ConsoleRecord(
            key: key.map(bytes), value: value.map(bytes),
            headers: headers.map { ConsoleRecord.Header(key: $0.0, value: $0.1.map(bytes)) }))
    }

    static let keyed = ["parse.key": "true"]
    static let headed = ["parse.headers": "true"]
    static let both = ["parse.key": "true", "parse.headers": "true"]
    static let lenient = ["parse.key": "true", "parse.headers": "true", "ignore.error": "true"]
    static let marked = ["parse.key": "true", "parse.headers": "true", "null.marker": "NULL"]

    static let cases: [Case] = [
        // Value only.
        Case(name: "plain value", properties: [:], line: "hello", expected: record(value: "hello")),
        Case(name: "empty line is an empty value", properties: [:], line: "", expected: record(value: "")),
        Case(name: "separators are data without parse.key", properties: [:], line: "a\tb", expected: record(value: "a\tb")),
        Case(name: "parse.key not true", properties: ["parse.key": "yes"], line: "k\tv", expected: record(value: "k\tv")),
        Case(name: "null marker value", properties: ["null.marker": "NULL"], line: "NULL", expected: record(value: nil)),
        Case(name: "null marker must match whole value", properties: ["null.marker": "NULL"], line: "NULL ",
             expected: record(value: "NULL ")),

        // Keys.
        Case(name: "key and value", properties: keyed, line: "k\tv", expected: record(key: "k", value: "v")),
        Case(name: "value keeps later separators", properties: keyed, line: "k\tv\tw", expected: record(key: "k", value: "v\tw")),
        Case(name: "empty key is not null", properties: keyed, line: "\tv", expected: record(key: "", value: "v")),
        Case(name: "empty value after key", properties: keyed, line: "k\t", expected: record(key: "k", value: "")),
        Case(name: "parse.key trimmed, any case", properties: ["parse.key": " \tTrUe\n"], line: "k\tv",
             expected: record(key: "k", value: "v")),
        Case(name: "multi-character key separator", properties: ["parse.key": "true", "key.separator": ":::"],
             line: "a:::b:::c", expected: record(key: "a", value: "b:::c")),
        Case(name: "non-ASCII key separator", properties: ["parse.key": "true", "key.separator": "→"],
             line: "ключ→значение 🎉", expected: record(key: "ключ", value: "значение 🎉")),
        Case(name: "missing key separator", properties: keyed, line: "foo", lineNumber: 3,
             expected: .error("No key separator found on line number 3: 'foo'")),
        Case(name: "empty line without key separator", properties: keyed, line: "", lineNumber: 9,
             expected: .error("No key separator found on line number 9: ''")),
        Case(name: "ignore.error gives a null key", properties: ["parse.key": "true", "ignore.error": "true"], line: "foo",
             expected: record(key: nil, value: "foo")),
        Case(name: "null marker key and value", properties: ["parse.key": "true", "null.marker": "NULL"],
             line: "NULL\tNULL", expected: record(key: nil, value: nil)),
        Case(name: "null marker is exact", properties: ["parse.key": "true", "null.marker": "NULL"],
             line: "NULLx\tnull", expected: record(key: "NULLx", value: "null")),

        // Headers.
        Case(name: "headers and value", properties: headed, line: "h1:v1,h2:v2\tvalue",
             expected: record(value: "value", headers: [("h1", "v1"), ("h2", "v2")])),
        Case(name: "headers, key and value", properties: both, line: "h1:v1\tk\tv\tw",
             expected: record(key: "k", value: "v\tw", headers: [("h1", "v1")])),
        Case(name: "header value keeps later key separators", properties: headed, line: "h:a:b\tv",
             expected: record(value: "v", headers: [("h", "a:b")])),
        Case(name: "empty header value is not null", properties: headed, line: "h:\tv",
             expected: record(value: "v", headers: [("h", "")])),
        Case(name: "empty header key", properties: headed, line: ":x\tv", expected: record(value: "v", headers: [("", "x")])),
        Case(name: "repeated header keys are kept", properties: headed, line: "h:1,h:2\tv",
             expected: record(value: "v", headers: [("h", "1"), ("h", "2")])),
        Case(name: "trailing empty pairs are dropped", properties: headed, line: "h:1,h:2,,\tv",
             expected: record(value: "v", headers: [("h", "1"), ("h", "2")])),
        Case(name: "only separators: no headers", properties: headed, line: ",\tv", expected: record(value: "v")),
        Case(name: "inner empty pair", properties: headed, line: "h:1,,h:2\tv", lineNumber: 4,
             expected: .error("No header key separator found in pair '' on line number 4")),
        Case(name: "empty header block is one empty pair", properties: headed, line: "\tv", lineNumber: 2,
             expected: .error("No header key separator found in pair '' on line number 2")),
        Case(name: "pair without key separator", properties: headed, line: "h1:v1,h2\tv",
             expected: .error("No header key separator found in pair 'h2' on line number 1")),
        Case(name: "missing headers delimiter", properties: both, line: "h1:v1", lineNumber: 5,
             expected: .error("No headers delimiter found on line number 5: 'h1:v1'")),
        Case(name: "key separator searched after headers; message has the whole line", properties: both,
             line: "h:1\tk", lineNumber: 7, expected: .error("No key separator found on line number 7: 'h:1\tk'")),
        Case(name: "headers delimiter error comes before key error", properties: both, line: "x",
             expected: .error("No headers delimiter found on line number 1: 'x'")),
        Case(name: "key error comes before header pair errors", properties: both, line: "bad\tnokey",
             expected: .error("No key separator found on line number 1: 'bad\tnokey'")),
        Case(name: "custom delimiters; key separator may equal headers delimiter",
             properties: ["parse.key": "true", "parse.headers": "true", "headers.delimiter": "|", "key.separator": "|",
                          "headers.separator": ";", "headers.key.separator": "="],
             line: "a=1;b=2|k|v", expected: record(key: "k", value: "v", headers: [("a", "1"), ("b", "2")])),

        // ignore.error.
        Case(name: "ignore.error: pair without separator has a null value", properties: lenient, line: "h1:v1,h2\tk\tv",
             expected: record(key: "k", value: "v", headers: [("h1", "v1"), ("h2", nil)])),
        Case(name: "ignore.error: no delimiter, key searched from the start", properties: lenient, line: "h1:v1",
             expected: record(key: nil, value: "h1:v1")),
        Case(name: "ignore.error: headers take the key when only one tab", properties: lenient, line: "k\tv",
             expected: record(key: nil, value: "v", headers: [("k", nil)])),
        Case(name: "ignore.error: empty header block", properties: lenient, line: "\tk\tv",
             expected: record(key: "k", value: "v", headers: [("", nil)])),

        // null.marker with headers.
        Case(name: "null header value", properties: marked, line: "h:NULL\tk\tv",
             expected: record(key: "k", value: "v", headers: [("h", nil)])),
        Case(name: "header block equal to null marker: no headers", properties: marked, line: "NULL\tk\tv",
             expected: record(key: "k", value: "v")),
        Case(name: "header key equal to null marker", properties: marked, line: "a:1,NULL:v\tk\tv",
             expected: .error("Header keys should not be equal to the null marker 'NULL' as they can't be null")),
        Case(name: "header key equal to null marker even with ignore.error",
             properties: lenient.merging(["null.marker": "NULL"]) { $1 }, line: "NULL:v\tk\tv",
             expected: .error("Header keys should not be equal to the null marker 'NULL' as they can't be null")),
        Case(name: "ignore.error: a bare pair equal to the null marker is a key",
             properties: lenient.merging(["null.marker": "NULL"]) { $1 }, line: "NULL,h:1\tk\tv",
             expected: record(key: "k", value: "v", headers: [("NULL", nil), ("h", "1")])),

        // headers.separator is a regular expression.
        Case(name: "regex separator", properties: headed.merging(["headers.separator": #"\s*;\s*"#]) { $1 },
             line: "a:1 ; b:2;c:3\tv", expected: record(value: "v", headers: [("a", "1"), ("b", "2"), ("c", "3")])),
        Case(name: "escaped pipe is a literal pipe", properties: headed.merging(["headers.separator": #"\|"#]) { $1 },
             line: "a:1|b:2\tv", expected: record(value: "v", headers: [("a", "1"), ("b", "2")])),
        Case(name: "bare pipe matches the empty string between characters",
             properties: lenient.merging(["headers.separator": "|"]) { $1 }, line: "a:1|b\tk\tv",
             expected: record(key: "k", value: "v", headers: [("a", nil), ("", ""), ("1", nil), ("|", nil), ("b", nil)])),
        Case(name: "dot matches everything: no headers", properties: headed.merging(["headers.separator": "."]) { $1 },
             line: "a:1\tv", expected: record(value: "v")),
    ]

    @Test(arguments: cases)
    func reads(_ testCase: Case) throws {
        let reader = try LineMessageReader(properties: testCase.properties)
        let result: Expected
        do {
            result = .record(try reader.read(line: testCase.line, lineNumber: testCase.lineNumber))
        } catch {
            result = .error("\(error)")
        }
        switch (result, testCase.expected) {
        case (.record(let actual), .record(let expected)): #expect(actual == expected)
        case (.error(let actual), .error(let expected)): #expect(actual == expected)
        default: Issue.record("expected \(testCase.expected), got \(result)")
        }
    }

    @Test func typedParseErrors() throws {
        let reader = try LineMessageReader(properties: Self.both)
        #expect(throws: LineMessageReader.ParseError.missingKeySeparator(lineNumber: 3, line: "h:1\tfoo")) {
            try reader.read(line: "h:1\tfoo", lineNumber: 3)
        }
        #expect(throws: LineMessageReader.ParseError.missingHeadersDelimiter(lineNumber: 1, line: "foo")) {
            try reader.read(line: "foo", lineNumber: 1)
        }
    }

    @Test func defaults() throws {
        let reader = try LineMessageReader(properties: [:])
        #expect(!reader.parseKey && !reader.parseHeaders && !reader.ignoreError)
        #expect(reader.keySeparator == "\t" && reader.headersDelimiter == "\t")
        #expect(reader.headersSeparator == "," && reader.headersKeySeparator == ":")
        #expect(reader.nullMarker == nil)
        // Other properties (the tool adds `topic`) are ignored.
        #expect(try LineMessageReader(properties: ["topic": "t", "print.timestamp": "x"]).parseKey == false)
    }

    static let configurationCases: [(properties: [String: String], message: String)] = [
        (["headers.delimiter": ","], "headers.delimiter and headers.separator may not be equal"),
        (["headers.delimiter": ":"], "headers.delimiter and headers.key.separator may not be equal"),
        (["headers.separator": ":"], "headers.separator and headers.key.separator may not be equal"),
        (["null.marker": "\t"], "null.marker and key.separator may not be equal"),
        (["null.marker": ","], "null.marker and headers.separator may not be equal"),
        (["null.marker": "|", "headers.delimiter": "|"], "null.marker and headers.delimiter may not be equal"),
        (["null.marker": ":"], "null.marker and headers.key.separator may not be equal"),
        // Checked whether or not headers are parsed, and in Apache's order.
        (["parse.headers": "false", "headers.delimiter": ",", "null.marker": "\t"],
         "headers.delimiter and headers.separator may not be equal"),
        (["headers.separator": "=", "headers.key.separator": "=", "null.marker": "="],
         "headers.separator and headers.key.separator may not be equal"),
        (["key.separator": "x", "null.marker": "x", "headers.separator": "x"],
         "null.marker and key.separator may not be equal"),
    ]

    @Test(arguments: configurationCases)
    func rejectsAmbiguousSeparators(properties: [String: String], message: String) {
        do {
            _ = try LineMessageReader(properties: properties)
            Issue.record("accepted \(properties)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func acceptsDistinctOrUncheckedPairs() throws {
        // key.separator is never compared with the header separators, and the regex text is compared, not its meaning.
        _ = try LineMessageReader(properties: ["key.separator": ",", "headers.delimiter": "\t"])
        _ = try LineMessageReader(properties: ["key.separator": ":"])
        _ = try LineMessageReader(properties: ["headers.separator": "\\t"])
        _ = try LineMessageReader(properties: ["null.marker": ""])
    }

    @Test func invalidRegexIsReportedFirst() {
        #expect(throws: LineMessageReader.ConfigurationError.self) {
            try LineMessageReader(properties: ["headers.separator": "[", "headers.delimiter": "["])
        }
        do {
            _ = try LineMessageReader(properties: ["headers.separator": "[", "headers.delimiter": "["])
        } catch let error as LineMessageReader.ConfigurationError {
            guard case .invalidHeadersSeparator(let pattern, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(pattern == "[")
            #expect("\(error)".hasPrefix("Invalid headers.separator regular expression '[': "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
