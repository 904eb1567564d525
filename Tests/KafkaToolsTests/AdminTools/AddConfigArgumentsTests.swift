import Testing

@testable import KafkaTools

/// The `--add-config` grammar: `k1=v1,k2=[a,b]`.
@Suite struct AddConfigArgumentsTests {
    static func parse(_ text: String) throws -> [String] {
        try AddConfigArguments.parse(text).map { "\($0.key)=\($0.value)" }
    }

    @Test func bracketsGroupCommasAndAreRemoved() throws {
        #expect(try Self.parse("k1=v1,k2=[a,b],k3=v3") == ["k1=v1", "k2=a,b", "k3=v3"])
        #expect(
            try Self.parse("leader.replication.throttled.replicas=[0:1,1:2]") == [
                "leader.replication.throttled.replicas=0:1,1:2"
            ])
        #expect(try Self.parse("a=[x=y]") == ["a=x=y"])
    }

    @Test func whitespaceEmptyValuesAndRepeats() throws {
        #expect(try Self.parse(" retention.ms = 3600000 ") == ["retention.ms=3600000"])
        #expect(try Self.parse("ssl.endpoint.identification.algorithm=") == ["ssl.endpoint.identification.algorithm="])
        #expect(try Self.parse("a=1,b=2,a=3,") == ["a=3", "b=2"])
    }

    @Test func malformedItems() {
        for bad in ["", "k", "k1=v1,k2", "a=b=c", ",a=1", "a=1,,b=2"] {
            #expect(throws: AddConfigArguments.Invalid(description: AddConfigArguments.invalidFormat), "\(bad)") {
                try AddConfigArguments.parse(bad)
            }
        }
        #expect(
            AddConfigArguments.invalidFormat
                == "requirement failed: Invalid entity config: all configs to be added must be in the format \"key=val\" or  \"key=[val1,val2]\" to group values which contain commas."
        )
    }

    @Test func keysAreChecked() throws {
        try AddConfigArguments.validateKeys(["retention.ms", "a-b_c.9", ""])
        #expect(throws: AddConfigArguments.Invalid(description: "Invalid character found for config key: k!")) {
            try AddConfigArguments.validateKeys(["ok", "k!", "j!"])
        }
    }
}
