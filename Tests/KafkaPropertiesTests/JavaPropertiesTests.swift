import Testing
import KafkaProperties

@Suite struct JavaPropertiesTests {
    private func parse(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in try JavaProperties.parse(text) { result[entry.key] = entry.value }
        return result
    }

    @Test func separatorsAndBlanks() throws {
        let values = try parse("a=1\nb: 2\nc 3\n  d  =  4  \ne\t:\t5\nf\ng=\nh:=x\n")
        #expect(values == ["a": "1", "b": "2", "c": "3", "d": "4  ", "e": "5", "f": "", "g": "", "h": "=x"])
    }

    @Test func commentsAndBlankLines() throws {
        let values = try parse("# comment\n! also a comment\n   # indented comment\n\nkey=value # not a comment\n")
        #expect(values == ["key": "value # not a comment"])
    }

    @Test func escapes() throws {
        let values = try parse(#"a\:b\=c\ d=x\\y\tz\u00e9\u0041\n"# + "\n" + #"path=C\:\\kafka"#)
        #expect(values["a:b=c d"] == "x\\y\tzéA\n")
        #expect(values["path"] == "C:\\kafka")
    }

    @Test func continuations() throws {
        let values = try parse("listeners=PLAINTEXT://:9092,\\\n    CONTROLLER://:9093\nnext=1\n")
        #expect(values == ["listeners": "PLAINTEXT://:9092,CONTROLLER://:9093", "next": "1"])
        // An even number of backslashes is an escaped backslash, not a continuation.
        #expect(try parse("a=x\\\\\nb=y") == ["a": "x\\", "b": "y"])
        // A comment line never continues, even when it ends with a backslash.
        #expect(try parse("# c \\\nb=y") == ["b": "y"])
    }

    @Test func lineEndingsAndLastValueWins() throws {
        let entries = try JavaProperties.parse("a=1\r\nb=2\ra=3")
        #expect(entries.map(\.key) == ["a", "b", "a"])
        #expect(entries.map(\.line) == [1, 2, 3])
        #expect(try parse("a=1\r\nb=2\ra=3") == ["a": "3", "b": "2"])
    }

    @Test func malformedUnicodeEscape() {
        #expect(throws: JavaProperties.ParseError.malformedUnicodeEscape(line: 2)) {
            try JavaProperties.parse("ok=1\nbad=\\u12x4\n")
        }
    }
}
