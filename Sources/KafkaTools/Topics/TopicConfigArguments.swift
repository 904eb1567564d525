import KafkaCLISupport

/// `--config k=v` (repeatable) as `TopicCommand.parseTopicConfigsToBeAdded` reads it: each value split on
/// `\s*=\s*` into exactly a key and a value, both trimmed. The names themselves are the broker's to check: it
/// answers an unknown one with `Unknown topic config name: foo`, as Apache's client-side `LogConfig.validate` does.
enum TopicConfigArguments {
    static let invalidFormat =
        "requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\"."

    struct Invalid: Error, Hashable, CustomStringConvertible {
        var description: String { TopicConfigArguments.invalidFormat }
    }

    static func parse(_ values: [String]) throws(Invalid) -> [String: String] {
        var configs: [String: String] = [:]
        for value in values {
            let parts = JavaRegexSplit.split(value, on: "=", aroundWhitespace: true)
            guard parts.count == 2 else { throw Invalid() }
            configs[JavaText.trim(parts[0])] = JavaText.trim(parts[1])
        }
        return configs
    }
}
