import KafkaCLISupport
import Testing

@Suite struct JoptParserTests {
    static let parser = JoptParser([
        .value("topic"), .flag("list"), .value("partitions"), .value("delete-config", separator: ","),
        .optionalValue("codec"), .flag("help"),
    ])

    @Test func everyJoptSpellingOfAnOption() throws {
        for argv in [
            ["--topic", "t", "--list"], ["--topic=t", "-list"], ["-topic", "t", "--list"], ["-topic=t", "--list"],
        ] {
            let parsed = try Self.parser.parse(argv)
            #expect(try parsed.value("topic") == "t", "\(argv)")
            #expect(parsed.has("list"), "\(argv)")
        }
    }

    @Test func aRequiredArgumentIsTheNextTokenWhateverItLooksLike() throws {
        let parsed = try Self.parser.parse(["--topic", "--list", "-topic", "-x"])
        #expect(parsed.values("topic") == ["--list", "-x"])
        #expect(!parsed.has("list"))
        // jopt's isNullOrEmpty: an empty glued value takes the next token.
        #expect(try Self.parser.parse(["--topic=", "t"]).value("topic") == "t")
    }

    @Test func strayTokensAndEverythingAfterTheTerminatorAreIgnored() throws {
        let parsed = try Self.parser.parse(["stray", "--list", "-", "--", "--topic", "t"])
        #expect(parsed.occurrences == [.init(name: "list", value: nil)])
        #expect(parsed.nonOptionArguments == ["stray", "-", "--topic", "t"])
        #expect(parsed.argumentCount == 6)
    }

    @Test func aFlagIgnoresAGluedValue() throws {
        #expect(try Self.parser.parse(["--list=yes"]).occurrences == [.init(name: "list", value: nil)])
    }

    @Test func joptErrorTexts() {
        #expect(throws: JoptError.unrecognizedOption("zookeeper")) { try Self.parser.parse(["--zookeeper", "z:2181"]) }
        #expect((JoptError.unrecognizedOption("zookeeper")).description == "zookeeper is not a recognized option")
        // An unknown single-dash token is a cluster of one-letter options; the first is named.
        #expect(throws: JoptError.unrecognizedOption("x")) { try Self.parser.parse(["-xyz"]) }
        #expect(throws: JoptError.unrecognizedOption("h")) { try Self.parser.parse(["-h"]) }
        #expect(throws: JoptError.unrecognizedOption("foo")) { try Self.parser.parse(["--foo=bar"]) }
        #expect(throws: JoptError.missingRequiredArgument(option: "topic")) {
            try Self.parser.parse(["--list", "--topic"])
        }
        #expect(JoptError.missingRequiredArgument(option: "topic").description == "Option topic requires an argument")
    }

    @Test func valuesAreConvertedWhenRead() throws {
        let parsed = try Self.parser.parse(["--partitions", "abc", "--topic", "a", "--topic", "b"])
        #expect(throws: JoptError.cannotParseArgument(argument: "abc", option: "partitions")) {
            try parsed.integer("partitions")
        }
        #expect(
            JoptError.cannotParseArgument(argument: "abc", option: "partitions").description
                == "Cannot parse argument 'abc' of option partitions")
        #expect(throws: JoptError.multipleArguments(option: "topic")) { try parsed.value("topic") }
        #expect(
            JoptError.multipleArguments(option: "topic").description
                == "Found multiple arguments for option topic, but you asked for only one")
        #expect(try Self.parser.parse(["--partitions", "+3"]).integer("partitions") == 3)
        #expect(try Self.parser.parse(["--partitions", "-1"]).integer("partitions") == -1)
        #expect(throws: JoptError.self) { try Self.parser.parse(["--partitions", "4294967296"]).integer("partitions") }
        #expect(throws: JoptError.self) { try Self.parser.parse(["--partitions", " 3"]).integer("partitions") }
    }

    @Test func separatedValuesSplitLikeStringTokenizer() throws {
        let parsed = try Self.parser.parse(["--delete-config", "a,,b,", "--delete-config", ","])
        #expect(parsed.values("delete-config") == ["a", "b", ","])
    }

    @Test func anOptionalArgumentIsTakenOnlyWhenItIsNotAnOption() throws {
        #expect(try Self.parser.parse(["--codec", "gzip"]).value("codec") == "gzip")
        let bare = try Self.parser.parse(["--codec", "--list"])
        #expect(bare.occurrences == [.init(name: "codec", value: nil), .init(name: "list", value: nil)])
    }
}
