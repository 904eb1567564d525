@testable import KafkaProtocolGenKit
import Testing

@Suite struct SpecParserTests {
    private func parse(_ text: String) throws -> [MessageSpec] {
        var parser = try SpecParser(file: "test.kspec", text: text)
        return try parser.parseMessages()
    }

    @Test func parsesMessagesFieldsAndAttributes() throws {
        let messages = try parse(
            """
            # Says hello.
            request HelloRequest key=99 versions=0-3 flexible=2+
              Names []string 0+ nullable=1+
              Greeting string 1+ default="hi there"
              Epoch int64 2+ tag=0 default=-1 ignorable
              Items []Item 0+
                Id int32 0+

            response HelloResponse key=99 versions=0-3 flexible=2+ header=0
              ErrorCode int16 0+
            """)
        #expect(messages.count == 2)
        let request = try #require(messages.first)
        #expect(request.doc == ["Says hello."])
        #expect(request.validVersions == VersionRange(lowest: 0, highest: 3))
        #expect(request.flexibleVersions == VersionRange(lowest: 2, highest: nil))
        #expect(request.fields.map(\.name) == ["Names", "Greeting", "Epoch", "Items"])
        #expect(request.fields[0].type == .array(.string))
        #expect(request.fields[0].nullableVersions == VersionRange(lowest: 1, highest: nil))
        #expect(request.fields[1].defaultValue == "\"hi there\"")
        #expect(request.fields[2].tag == 0 && request.fields[2].ignorable)
        #expect(request.fields[2].taggedVersions == request.fields[2].versions)
        #expect(request.fields[3].inlineStruct?.fields.map(\.name) == ["Id"])
        #expect(messages[1].headerOverride == .init(headerVersion: 0, versions: nil))
    }

    @Test(arguments: [
        ("request X key=1 versions=0-1 flexible=none\n  Field int99 0+", "test.kspec:2: unknown type 'int99'"),
        ("request X key=1 versions=0-1 flexible=none\n  Field int32 banana", "test.kspec:2: bad versions 'banana'"),
        ("request X versions=0-1 flexible=none", "test.kspec:1: missing key="),
        ("request X key=1 versions=0-1 flexible=none\n   Field int32 0+", "test.kspec:2: odd indentation"),
        ("request X key=1 versions=0-1 flexible=none\n  Field int32 0+ colour=red", "test.kspec:2: unknown field attribute 'colour'"),
        ("request X key=1 versions=0-1 flexible=none\n  field int32 0+", "test.kspec:2: field name 'field' must start with a capital letter"),
    ])
    func reportsMistakesWithFileAndLine(text: String, message: String) {
        #expect(throws: (any Error).self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func undefinedStructTypesAreReported() throws {
        let messages = try parse("data X versions=0 flexible=none\n  Thing Missing 0+")
        #expect(throws: SpecError.self) { try Generator(messages: messages, errorCodes: []) }
    }

    @Test func versionConditionsAreSimplifiedAgainstTheValidRange() {
        let valid = VersionRange(lowest: 0, highest: 5)
        #expect(VersionRange(lowest: 0, highest: nil).swiftCondition(within: valid) == nil)
        #expect(VersionRange(lowest: 3, highest: nil).swiftCondition(within: valid) == "version >= 3")
        #expect(VersionRange(lowest: 0, highest: 2).swiftCondition(within: valid) == "version <= 2")
        #expect(VersionRange(lowest: 2, highest: 4).swiftCondition(within: valid) == "(2...4).contains(version)")
        #expect(VersionRange(lowest: 4, highest: 4).swiftCondition(within: valid) == "version == 4")
        #expect(VersionRange.none.swiftCondition(within: valid) == "false")
        #expect(VersionRange(lowest: 7, highest: nil).swiftCondition(within: valid) == "false")
    }

    @Test func errorCodeLines() throws {
        let parser = try SpecParser(file: "errors.kspec", text: "# c\n-1 UNKNOWN_SERVER_ERROR fatal \"Something broke.\"\n")
        let codes = try parser.parseErrorCodes()
        #expect(codes == [ErrorCodeSpec(code: -1, name: "UNKNOWN_SERVER_ERROR", retriable: false, message: "Something broke.")])
    }
}
