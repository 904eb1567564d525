import KafkaCLISupport
import Testing

@Suite struct JSONValueTests {
    @Test func rendersCompactJSONInFieldOrder() {
        let value = JSONValue.object([
            ("b", .integer(-1)), ("a", .array([.bool(true), .null, .string("x")])), ("c", .object([])),
        ])
        #expect(value.rendered == #"{"b":-1,"a":[true,null,"x"],"c":{}}"#)
    }

    @Test func escapesStrings() {
        #expect(JSONValue.string("q\"b\\n\n\t\u{01}é").rendered == #""q\"b\\n\n\t\u0001é""#)
    }
}
