import KafkaCLISupport
import Testing

@Suite struct JoptArgumentsTests {
    static let options: Set<String> = ["list", "topic", "bootstrap-server", "property", "help"]

    static let cases: [(argv: [String], expected: [String])] = [
        (["-list"], ["--list"]),
        (["-topic", "t"], ["--topic", "t"]),
        (["-topic=t"], ["--topic=t"]),
        (["-topic="], ["--topic="]),
        (["-property=a=b"], ["--property=a=b"]),
        (["--list", "--topic=t", "--topic", "t"], ["--list", "--topic=t", "--topic", "t"]),
        (["-bootstrap-server", "h:9092", "-list"], ["--bootstrap-server", "h:9092", "--list"]),
        // Unknown names, clusters, a lone dash and numbers stay as they are.
        (["-lst", "-x", "-", "-1", "--unknown", "-unknown=1"], ["-lst", "-x", "-", "-1", "--unknown", "-unknown=1"]),
        (["---list", "-List"], ["---list", "-List"]),
        // `--` ends options: what follows is never rewritten, and `--` itself is kept for the parser.
        (["-list", "--", "-topic", "x"], ["--list", "--", "-topic", "x"]),
        (["positional", "-help"], ["positional", "--help"]),
        ([], []),
    ]

    @Test(arguments: cases)
    func rewritesSingleDashLongOptions(argv: [String], expected: [String]) {
        #expect(JoptArguments.normalize(argv, longOptions: Self.options) == expected)
    }

    @Test func requiredArgumentTakesTheNextTokenWhateverItIs() {
        let requiring: Set<String> = ["topic", "bootstrap-server", "property"]
        func normalize(_ argv: [String]) -> [String] {
            JoptArguments.normalize(argv, longOptions: Self.options, requiringArgument: requiring)
        }
        #expect(normalize(["--topic", "-list"]) == ["--topic=-list"])
        #expect(normalize(["-topic", "--"]) == ["--topic=--"])
        #expect(normalize(["-topic", "t", "-list"]) == ["--topic=t", "--list"])
        #expect(normalize(["-topic=a", "-list"]) == ["--topic=a", "--list"])
        #expect(normalize(["-property", "x=1=2"]) == ["--property=x=1=2"])
        // A missing value is left for the parser to report.
        #expect(normalize(["-list", "-topic"]) == ["--list", "--topic"])
        // Without the set, `-list` after `--topic` is rewritten (the parser then reports the missing value).
        #expect(JoptArguments.normalize(["--topic", "-list"], longOptions: Self.options) == ["--topic", "--list"])
    }
}
