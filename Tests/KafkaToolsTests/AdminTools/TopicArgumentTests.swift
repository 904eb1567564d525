import Testing

@testable import KafkaTools

/// The pieces of a kafka-topics command line with their own grammar: names, `--config`, `--replica-assignment`,
/// and the `--topic` expression.
@Suite struct TopicArgumentTests {
    @Test(arguments: [
        ("", "Topic name is invalid: the empty string is not allowed"),
        (".", "Topic name is invalid: '.' is not allowed"),
        ("..", "Topic name is invalid: '..' is not allowed"),
        (
            "a b",
            "Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        ),
        (
            "topic!",
            "Topic name is invalid: 'topic!' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        ),
        (
            "é",
            "Topic name is invalid: 'é' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
        ),
        (
            String(repeating: "x", count: 250),
            "Topic name is invalid: the length of '\(String(repeating: "x", count: 250))' is longer than the max allowed length 249"
        ),
    ])
    func illegalNames(name: String, message: String) {
        #expect(TopicName.invalidReason(name) == message)
    }

    @Test func legalNames() {
        for name in ["test_topic_01", "a.b-c", "...", String(repeating: "x", count: 249), "__consumer_offsets"] {
            #expect(TopicName.invalidReason(name) == nil, "\(name)")
        }
        #expect(TopicName.hasCollisionChars("a_b") && TopicName.hasCollisionChars("a.b"))
        #expect(!TopicName.hasCollisionChars("a-b"))
    }

    @Test func topicConfigs() throws {
        #expect(
            try TopicConfigArguments.parse(["retention.ms=1000", " cleanup.policy = compact "])
                == ["retention.ms": "1000", "cleanup.policy": "compact"])
        for bad in ["retention.ms", "retention.ms=", "a=b=c", "a==b", ""] {
            #expect(throws: TopicConfigArguments.Invalid.self, "\(bad)") { try TopicConfigArguments.parse([bad]) }
        }
        #expect(
            TopicConfigArguments.Invalid().description
                == "requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\"."
        )
    }

    @Test func replicaAssignments() throws {
        #expect(try ReplicaAssignment.parse("1:2, 2 :3,3:1") == [[1, 2], [2, 3], [3, 1]])
        #expect(try ReplicaAssignment.parse("1,2,") == [[1], [2]])
        let cases: [(String, String)] = [
            ("1:1:2:2", "Partition replica lists may not contain duplicate entries: 1,2"),
            ("1:2,3", "Partition 1 has different replication factor: [3]"),
            ("1:x", "For input string: \"x\""),
            ("1::2", "For input string: \"\""),
        ]
        for (text, message) in cases {
            #expect(throws: ReplicaAssignment.Invalid(description: message), "\(text)") {
                try ReplicaAssignment.parse(text)
            }
        }
    }

    @Test func topicExpressions() throws {
        let filter = try TopicFilter(" 'orders,pay.*' ")
        #expect(filter.expression == "orders|pay.*")
        #expect(filter.allows("orders", excludeInternal: false))
        #expect(filter.allows("payments", excludeInternal: false))
        #expect(!filter.allows("orders2", excludeInternal: false))
        let all = try TopicFilter(".*")
        #expect(all.allows("__consumer_offsets", excludeInternal: false))
        #expect(!all.allows("__consumer_offsets", excludeInternal: true))
        #expect(throws: TopicFilter.InvalidExpression.self) { try TopicFilter("a(") }
        #expect(TopicFilter.InvalidExpression(expression: "a(").description == "a( is an invalid regex.")
    }
}
