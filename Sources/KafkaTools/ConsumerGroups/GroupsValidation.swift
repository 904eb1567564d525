import KafkaCLISupport

enum GroupsAction: String, Sendable, Hashable {
    case list, describe, delete
    case resetOffsets = "reset-offsets"
    case deleteOffsets = "delete-offsets"
    case validateRegex = "validate-regex"
}

/// A command line that passed Apache's `checkArgs` and the one-action check.
struct GroupsInvocation: Sendable, Hashable {
    let action: GroupsAction
    let arguments: JoptParsedArguments
    let format: OutputFormat
    /// `--timeout`, applied to every admin call.
    let timeoutMs: Int64
    /// `--watch`: describe again at this interval until stopped.
    var watchInterval: Duration? = nil
}

/// `ConsumerGroupCommandOptions.checkArgs` and the action count of `ConsumerGroupCommand.main`, in Apache's
/// order, as a pure function. Lines Apache prints along the way (the reset WARN) are kept.
struct GroupsValidation: Sendable, Hashable {
    enum Outcome: Sendable, Hashable {
        case usage
        case help
        case version
        /// One line on stderr, exit 1.
        case invalid(String)
        case run(GroupsInvocation)
    }

    var outcome: Outcome
    var standardErrorNotes: [String] = []

    static func validate(_ arguments: JoptParsedArguments) -> GroupsValidation {
        // jopt checks `availableIf` while parsing, before the help.
        for (option, requires) in GroupsOptions.availability
        where arguments.has(option) && !requires.contains(where: arguments.has) {
            return GroupsValidation(
                outcome: .invalid(
                    "Option(s) \(JoptOption.bracketed(option)) are unavailable given other options on the command line"))
        }
        if arguments.argumentCount == 0 { return GroupsValidation(outcome: .usage) }
        if arguments.has("help") { return GroupsValidation(outcome: .help) }
        if arguments.has("version") { return GroupsValidation(outcome: .version) }
        var result = GroupsValidation(outcome: .usage)
        result.outcome = check(arguments, notes: &result.standardErrorNotes)
        return result
    }

    private static func check(_ arguments: JoptParsedArguments, notes: inout [String]) -> Outcome {
        let has = arguments.has
        guard has("bootstrap-server") else { return .invalid(missing("bootstrap-server")) }
        let groupScope = GroupsOptions.joinedSet(["group", "all-groups"])
        if has("describe") {
            if !has("group") && !has("all-groups") {
                return .invalid("Option [describe] takes one of these options: \(groupScope)")
            }
            if ["members", "offsets", "state"].filter(has).count > 1 {
                return .invalid("Option [describe] takes at most one of these options: [members], [offsets], [state]")
            }
            if arguments.values("state").contains(where: { !$0.isEmpty }) {
                return .invalid("Option [describe] does not take a value for [state]")
            }
        }
        if has("delete") {
            if !has("group") && !has("all-groups") {
                return .invalid("Option [delete] takes one of these options: \(groupScope)")
            }
            if has("topic") { return .invalid(GroupsOptions.topicWithDelete) }
        }
        if has("delete-offsets") && (!has("group") || !has("topic")) {
            return .invalid(
                "Option [delete-offsets] takes the following options: \(GroupsOptions.joinedSet(["group", "topic"]))")
        }
        if has("reset-offsets") {
            if has("dry-run") && has("execute") {
                return .invalid("Option [reset-offsets] only accepts one of [execute] and [dry-run]")
            }
            if !has("dry-run") && !has("execute") { notes.append(GroupsOptions.missingExecuteWarning) }
            if !has("group") && !has("all-groups") {
                return .invalid("Option [reset-offsets] takes one of these options: \(groupScope)")
            }
            for scenario in GroupsOptions.scenarioCheckOrder where has(scenario) {
                let others = GroupsOptions.scenarios.filter { $0 != scenario }
                let order = JavaHashOrder.ordered(others, hash: JavaHashOrder.optionSpecHash)
                if let conflict = order.first(where: has) { return .invalid(cannotBeUsed(scenario, with: conflict)) }
            }
        }
        if has("group") && has("all-groups") { return .invalid(cannotBeUsed("group", with: "all-groups")) }
        if has("group") && has("list") { return .invalid(cannotBeUsed("group", with: "list")) }
        if has("topic"), let other = ["list", "describe"].first(where: has) {
            return .invalid(cannotBeUsed("topic", with: other))
        }

        // ConsumerGroupCommand.main: exactly one action.
        let present = GroupsOptions.actions.filter(has)
        guard present.count == 1, let action = GroupsAction(rawValue: present[0]) else {
            return .invalid(GroupsOptions.oneAction)
        }
        return finish(action, arguments)
    }

    /// What Apache reads later but we check before connecting: the scenario, `--timeout` and our `--output`.
    private static func finish(_ action: GroupsAction, _ arguments: JoptParsedArguments) -> Outcome {
        if action == .resetOffsets && !GroupsOptions.scenarios.contains(where: arguments.has) {
            let listed = JavaHashOrder.ordered(GroupsOptions.scenarios, hash: JavaHashOrder.optionSpecHash)
                .map(JoptOption.bracketed).joined(separator: ", ")
            return .invalid("Option '[reset-offsets]' requires one of the following scenarios: [\(listed)]")
        }
        if arguments.has("output"), action != .list && action != .describe {
            return .invalid(cannotBeUsed("output", with: action.rawValue))
        }
        if arguments.has("watch"), action != .describe {
            return .invalid(cannotBeUsed("watch", with: action.rawValue))
        }
        var watchInterval: Duration?
        if let text = arguments.values("watch").last {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 * 365,
                text.utf8.allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ".") })
            else { return .invalid(GroupsOptions.invalidWatch(text)) }
            watchInterval = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let timeoutMs: Int64
        do {
            timeoutMs = try JavaNumbers.long(arguments, "timeout") ?? GroupsOptions.defaultTimeoutMs
        } catch {
            return .invalid(error.description)
        }
        let format: OutputFormat
        switch OutputFormat.parse(arguments) {
        case .success(let parsed): format = parsed
        case .failure(let error): return .invalid(error.description)
        }
        return .run(
            GroupsInvocation(
                action: action, arguments: arguments, format: format, timeoutMs: timeoutMs,
                watchInterval: watchInterval))
    }

    /// `CommandLineUtils.checkRequiredArgs`.
    static func missing(_ option: String) -> String { "Missing required argument \"[\(option)]\"" }

    /// `CommandLineUtils.checkInvalidArgs`.
    static func cannotBeUsed(_ used: String, with other: String) -> String {
        "Option \"[\(used)]\" can't be used with option \"[\(other)]\""
    }
}

/// jopt's `ofType(Long.class)` conversion.
enum JavaNumbers {
    /// `Long.valueOf` syntax: optional sign, ASCII digits, 64 bits.
    static func javaLong(_ text: String) -> Int64? {
        guard !text.isEmpty,
            text.utf8.enumerated().allSatisfy({ index, byte in
                (48...57).contains(byte) || (index == 0 && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")))
            })
        else { return nil }
        return Int64(text)
    }

    static func long(_ arguments: JoptParsedArguments, _ name: String) throws(JoptError) -> Int64? {
        guard let text = try arguments.value(name) else { return nil }
        guard let value = javaLong(text) else { throw .cannotParseArgument(argument: text, option: name) }
        return value
    }
}
