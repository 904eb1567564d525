import KafkaCLISupport

enum TopicsAction: String, Sendable, Hashable {
    case list, describe, create, alter, delete
}

/// A command line that passed Apache's `checkArgs`; values are read (and may still fail, as in Apache) when the
/// action runs.
struct TopicsInvocation: Sendable, Hashable {
    let action: TopicsAction
    let arguments: JoptParsedArguments
    let format: OutputFormat
}

/// `TopicCommandOptions.checkArgs`, in Apache's order, as a pure function: the command line either becomes an
/// invocation or ends with Apache's message. Lines Apache prints along the way are kept in order.
struct TopicsValidation: Sendable, Hashable {
    enum Outcome: Sendable, Hashable {
        /// No arguments at all: the blurb and the help on stderr, exit 1.
        case usage
        case help
        case version
        /// One line on stderr, exit 1.
        case invalid(String)
        case run(TopicsInvocation)
    }

    var outcome: Outcome
    var standardErrorNotes: [String] = []
    var standardOutputNotes: [String] = []

    static func validate(_ arguments: JoptParsedArguments) -> TopicsValidation {
        var result = TopicsValidation(outcome: .usage)
        if arguments.argumentCount == 0 { return result }
        if arguments.has("help") { return TopicsValidation(outcome: .help) }
        if arguments.has("version") { return TopicsValidation(outcome: .version) }
        result.outcome = check(arguments, notes: &result)
        return result
    }

    private static func check(_ arguments: JoptParsedArguments, notes: inout TopicsValidation) -> Outcome {
        let has = arguments.has
        let present = TopicsOptions.actions.filter(has)
        guard present.count == 1, let action = TopicsAction(rawValue: present[0]) else {
            return .invalid(TopicsOptions.oneAction)
        }
        if has("delete-config") { notes.standardErrorNotes.append(TopicsOptions.deleteConfigNote) }

        // checkRequiredArgs
        guard has("bootstrap-server") else { return .invalid("--bootstrap-server must be specified") }
        if action == .describe && has("if-exists") {
            if !has("topic") && !has("topic-id") {
                return .invalid("--topic or --topic-id is required to describe a topic")
            }
            if has("topic") && has("topic-id") { notes.standardOutputNotes.append(TopicsOptions.topicIdWinsNote) }
        }
        if action != .list && action != .describe && !has("topic") { return .invalid(missing("topic")) }
        if action == .alter {
            if has("config") {
                return .invalid(
                    "Option combination \"[[bootstrap-server], [config]]\" can't be used with option \"[alter]\""
                        + TopicsOptions.alterConfigsHint)
            }
            if !has("partitions") { return .invalid(missing("partitions")) }
        }

        // checkInvalidArgs
        let others = { (allowed: [String]) in
            ["alter", "create", "describe", "list", "delete"].filter { !allowed.contains($0) }
        }
        var rules: [(String, [String])] = [
            ("config", others(["alter", "create"])),
            ("partitions", others(["alter", "create"])),
            ("replication-factor", others(["create"])),
            ("replica-assignment", others(["alter", "create"])),
        ]
        if action == .create { rules.append(("replica-assignment", ["partitions", "replication-factor"])) }
        for report in TopicsOptions.reportOptions {
            rules.append((report, others(["describe"]) + ["topics-with-overrides"]))
        }
        rules += [
            ("topics-with-overrides", others(["describe"]) + TopicsOptions.reportOptions),
            ("if-exists", others(["alter", "delete", "describe"])),
            ("if-not-exists", others(["create"])),
            ("exclude-internal", others(["list", "describe"])),
            // Ours: JSON exists for the two read-only actions.
            ("output", others(["list", "describe"])),
        ]
        for (used, invalid) in rules where has(used) {
            if let conflict = invalid.first(where: has) { return .invalid(cannotBeUsed(used, with: conflict)) }
        }
        let format: OutputFormat
        switch OutputFormat.parse(arguments) {
        case .success(let parsed): format = parsed
        case .failure(let error): return .invalid(error.description)
        }
        return .run(TopicsInvocation(action: action, arguments: arguments, format: format))
    }

    /// `CommandLineUtils.checkRequiredArgs`.
    static func missing(_ option: String) -> String { "Missing required argument \"[\(option)]\"" }

    /// `CommandLineUtils.checkInvalidArgs`.
    static func cannotBeUsed(_ used: String, with other: String) -> String {
        "Option \"[\(used)]\" can't be used with option \"[\(other)]\""
    }
}
