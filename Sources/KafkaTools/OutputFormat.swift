import KafkaCLISupport

/// `--output text|json`, our addition to the read-only actions; text (Apache's format) is the default.
enum OutputFormat: String, Sendable, Hashable {
    case text, json

    struct Invalid: Error, Hashable, CustomStringConvertible {
        let value: String
        var description: String { "Invalid value '\(value)' for option output: use text or json" }
    }

    static func parse(_ arguments: JoptParsedArguments) -> Result<OutputFormat, Invalid> {
        // A repeated --output: the last one wins, as for our other additions (jopt's error is for Apache's options).
        guard let value = arguments.values("output").last else { return .success(.text) }
        return OutputFormat(rawValue: value).map { .success($0) } ?? .failure(Invalid(value: value))
    }
}
