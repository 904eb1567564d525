import Testing
@testable import KafkaTools

/// `Pattern.compile(separator).split(input)` results printed by Java 17's jshell.
@Suite struct HeadersSplitterTests {
    static let cases: [(separator: String, input: String, pieces: [String])] = [
        (",", "", [""]),
        (",", ",", []),
        (",", "a", ["a"]),
        (",", ",a", ["", "a"]),
        (",", "h:1,,h:2", ["h:1", "", "h:2"]),
        (",", "h:1,h:2,,", ["h:1", "h:2"]),
        ("::", "a::b:::c", ["a", "b", ":c"]),
        ("|", "a:1|b", ["a", ":", "1", "|", "b"]),
        (#"\|"#, "a:1|b:2", ["a:1", "b:2"]),
        (".", "a:1", []),
        (#"\s*;\s*"#, "a:1 ; b:2;c:3", ["a:1", "b:2", "c:3"]),
        ("", "ab", ["a", "b"]),
        ("", "", [""]),
        ("x*", "abc", ["a", "b", "c"]),
        ("a*", "baaac", ["b", "", "c"]),
        (";*", ";;a;b", ["", "", "a", "", "b"]),
        (",", "é,ü", ["é", "ü"]),
        ("[,;]", "a,b;c", ["a", "b", "c"]),
    ]

    @Test(arguments: cases)
    func splitsLikeJava(separator: String, input: String, pieces: [String]) throws {
        let splitter = try HeadersSplitter(pattern: separator)
        let actual = splitter.split(Array(input.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(actual == pieces)
    }
}
