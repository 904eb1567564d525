import Testing
import KafkaProperties

@Suite struct KeyValueArgumentsTests {
    /// Item → (key, value), from CommandLineUtilsTest and Java's `split("=", 2)`.
    static let cases: [(item: String, key: String, value: String)] = [
        ("my.property=value", "my.property", "value"),
        ("first.property==first", "first.property", "=first"),
        ("second.property=second=", "second.property", "second="),
        ("third.property=thi=rd", "third.property", "thi=rd"),
        ("my.empty.property=", "my.empty.property", ""),
        ("my.empty.property1", "my.empty.property1", ""),
        ("=value", "", "value"),
        ("=", "", ""),
        ("", "", ""),
        (" spaced key = value ", " spaced key ", " value "),
        ("key.separator=\t", "key.separator", "\t"),
        ("unicode=héllo=wörld", "unicode", "héllo=wörld"),
    ]

    @Test(arguments: cases)
    func splitsOnFirstEquals(item: String, key: String, value: String) throws {
        let pairs = try KeyValueArguments.parse([item])
        #expect(pairs.count == 1)
        #expect(pairs.first?.key == key)
        #expect(pairs.first?.value == value)
    }

    @Test func keepsOrderAndRepeats() throws {
        let pairs = try KeyValueArguments.parse(["b=1", "a=2", "b=3"])
        #expect(pairs.map(\.key) == ["b", "a", "b"])
        #expect(pairs.map(\.value) == ["1", "2", "3"])
        #expect(try KeyValueArguments.dictionary(["b=1", "a=2", "b=3"]) == ["a": "2", "b": "3"])
        #expect(try KeyValueArguments.parse([]).isEmpty)
    }

    @Test func missingValueRejectedOnRequest() throws {
        #expect(throws: KeyValueArguments.MissingValueError(key: "my.empty.property")) {
            try KeyValueArguments.parse(["ok=1", "my.empty.property="], acceptMissingValue: false)
        }
        #expect(throws: KeyValueArguments.MissingValueError(key: "bare")) {
            try KeyValueArguments.dictionary(["bare"], acceptMissingValue: false)
        }
        #expect(KeyValueArguments.MissingValueError(key: "bare").description == "Missing value for key bare}")
        #expect(try KeyValueArguments.parse(["a==", "b=c"], acceptMissingValue: false).map(\.value) == ["=", "c"])
    }
}
