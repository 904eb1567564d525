import KafkaCLISupport

/// `ConsumerGroupCommandOptions`: the options kafka-consumer-groups accepts, as jopt-simple declares them, plus
/// our `--output`.
enum GroupsOptions {
    static let helpBlurb =
        "This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets."
    static let oneAction =
        "Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex"
    static let missingExecuteWarning =
        "WARN: No action will be performed as the --execute option is missing.In a future major release, the default behavior of this command will be to prompt the user before executing the reset rather than doing a dry run. You should add the --dry-run option explicitly if you are scripting this command and want to keep the current default behavior without prompting."
    static let noResetScope = "One of the reset scopes should be defined: --all-topics, --topic."
    static let topicWithDelete = "The consumer does not support topic-specific offset deletion from a consumer group."
    static let defaultTimeoutMs: Int64 = 5000

    /// Ours: `--watch SECONDS` takes a positive number (fractions allowed).
    static func invalidWatch(_ value: String) -> String {
        "Invalid value '\(value)' for option watch: use a number of seconds greater than 0"
    }

    /// The actions, in the order Apache counts them.
    static let actions = ["list", "describe", "delete", "reset-offsets", "delete-offsets", "validate-regex"]

    /// `allResetOffsetScenarioOpts`, in declaration order (printed in HashSet order).
    static let scenarios = [
        "to-offset", "shift-by", "to-datetime", "by-duration", "to-earliest", "to-latest", "to-current", "from-file",
    ]

    /// The order `checkArgs` checks the scenarios against each other in.
    static let scenarioCheckOrder = [
        "to-offset", "to-datetime", "by-duration", "to-earliest", "to-latest", "to-current", "shift-by", "from-file",
    ]

    /// jopt's `availableIf`: these options are refused unless one of the listed ones is present.
    static let availability: [(option: String, requires: [String])] = [
        ("members", ["describe"]), ("verbose", ["describe"]), ("offsets", ["describe"]),
        ("state", ["describe", "list"]), ("type", ["list"]),
    ]

    static let parser = JoptParser([
        .value("bootstrap-server"), .value("group"), .value("topic"), .flag("all-topics"), .flag("list"),
        .flag("describe"), .flag("all-groups"), .flag("delete"), .value("timeout"), .value("command-config"),
        .flag("reset-offsets"), .flag("delete-offsets"), .flag("dry-run"), .flag("execute"), .flag("export"),
        .value("to-offset"), .value("from-file"), .value("to-datetime"), .value("by-duration"),
        .flag("to-earliest"), .flag("to-latest"), .flag("to-current"), .value("shift-by"),
        .flag("members"), .flag("verbose"), .flag("offsets"), .optionalValue("state"), .optionalValue("type"),
        .value("validate-regex"), .value("output"), .value("watch"), JoptOption.help, JoptOption.version,
    ])

    /// A jopt `HashSet<OptionSpec>` printed with `Utils.join(set, ", ")`: `[group], [all-groups]`.
    static func joinedSet(_ names: [String]) -> String {
        JavaHashOrder.ordered(names, hash: JavaHashOrder.optionSpecHash).map(JoptOption.bracketed)
            .joined(separator: ", ")
    }
}
