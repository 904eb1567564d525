/// One option as jopt-simple's `OptionParser.accepts(...)` declares it. Apache's tools are built on jopt-simple,
/// and their command lines (and error texts) follow its rules, so ours are parsed the same way.
public struct JoptOption: Sendable, Hashable {
    public enum Argument: Sendable, Hashable {
        /// A flag (`OptionSpecBuilder`): any `=value` glued to it is ignored, as jopt does.
        case none
        /// `withRequiredArg()`: the next token is taken whatever it looks like.
        case required
        /// `withOptionalArg()`: the next token is taken only when it does not look like an option.
        case optional
    }

    public let name: String
    public let argument: Argument
    /// `withValuesSeparatedBy(c)`: one argument becomes several values, split as `StringTokenizer` does.
    public let separator: Character?

    public init(_ name: String, argument: Argument, separator: Character? = nil) {
        self.name = name
        self.argument = argument
        self.separator = separator
    }

    public static func flag(_ name: String) -> JoptOption { JoptOption(name, argument: .none) }

    public static func value(_ name: String, separator: Character? = nil) -> JoptOption {
        JoptOption(name, argument: .required, separator: separator)
    }

    public static func optionalValue(_ name: String) -> JoptOption { JoptOption(name, argument: .optional) }

    /// `CommandDefaultOptions`: every tool has these two.
    public static let help = JoptOption.flag("help")
    public static let version = JoptOption.flag("version")

    /// jopt's `OptionSpec.toString()`, which Kafka's own messages embed: `[topic]`.
    public static func bracketed(_ name: String) -> String { "[\(name)]" }
}
