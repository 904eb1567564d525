import KafkaCLISupport
import KafkaClient

/// Runs a validated kafka-consumer-groups invocation (`ConsumerGroupCommand.run`). Returns the exit status: 0
/// when everything succeeded, 1 when Apache printed an error (it exits 0 then; see docs/cli-compat.md).
struct GroupsRunner {
    let invocation: GroupsInvocation
    let calls: GroupCalls
    let output: ToolOutput

    var arguments: JoptParsedArguments { invocation.arguments }

    func run() async -> Int32 {
        do {
            switch invocation.action {
            case .list: return try await list()
            case .describe: return try await describe()
            case .delete: return try await delete()
            case .resetOffsets: return try await GroupsResetRunner(runner: self).run()
            case .deleteOffsets: return try await GroupsOffsetDeleter(runner: self).run()
            case .validateRegex: return try validateRegex()
            }
        } catch let failure as GroupsFailure {
            report(failure)
        } catch let error as JoptError {
            report(.usage(error.description))
        } catch let error as TopicPartitionArguments.Invalid {
            report(.usage(error.description))
        } catch let error as GroupPreamble.UnexpectedState {
            report(.execution(error.description))
        } catch {
            report(.execution(String(describing: error)))
        }
        return 1
    }

    func report(_ failure: GroupsFailure) {
        switch failure {
        case .usage(let message): output.errorLine(message)
        case .execution: output.line("\nError: \(failure.description)")
        }
    }

    /// Writes text that ends with a newline (the renderers' output) to stdout.
    func emit(_ text: String) {
        guard !text.isEmpty else { return }
        output.line(String(text.dropLast()))
    }

    /// `--group` values, or every consumer group with `--all-groups`.
    func groupIds() async throws -> [String] {
        arguments.has("all-groups") ? try await calls.consumerGroups().map(\.groupId) : arguments.values("group")
    }

    // MARK: - --list

    private func list() async throws -> Int32 {
        let includeType = arguments.has("type")
        let includeState = arguments.has("state")
        let states = try GroupFilters.states(try arguments.value("state"))
        let types = try GroupFilters.types(try arguments.value("type"))
        let groups = try await calls.consumerGroups(states: states, types: types)
        switch invocation.format {
        case .json: output.line(GroupsJSON.list(groups).rendered)
        case .text:
            emit(
                includeType || includeState
                    ? GroupListText.table(groups, includeType: includeType, includeState: includeState)
                    : GroupListText.ids(groups))
        }
        return 0
    }

    // MARK: - --describe

    private func describe() async throws -> Int32 {
        let verbose = arguments.has("verbose")
        var descriptions: [GroupDescription] = []
        for id in GroupsDescriber.groupOrder(try await groupIds()) { descriptions.append(try await calls.describe(id)) }
        if invocation.format == .json {
            var groups: [JSONValue] = []
            for group in descriptions { groups.append(GroupsJSON.group(group, offsets: try await offsetRows(group))) }
            output.line(GroupsJSON.describe(groups).rendered)
            return descriptions.contains { $0.state == "Dead" } ? 1 : 0
        }
        var failed = false
        for group in descriptions {
            let text: String
            let rows: Int
            if arguments.has("members") {
                let members = GroupsDescriber.memberRows(group)
                rows = members.count
                text = GroupMembersText.render(members, verbose: verbose)
            } else if arguments.has("state") {
                rows = 1
                text = GroupStateText.render(group, verbose: verbose)
            } else {
                let offsets = try await offsetRows(group)
                rows = offsets.count
                text = GroupOffsetsText.render(offsets, verbose: verbose)
            }
            let preamble = try GroupPreamble.check(group: group.groupId, state: group.state, rows: rows)
            if let line = preamble.standardOutput { output.line(line) }
            if let line = preamble.standardError { output.errorLine(line) }
            failed = failed || preamble.failed
            // Apache prints the members header even for a group without members.
            if preamble.printTable || (arguments.has("members") && !preamble.failed) { emit(text) }
        }
        return failed ? 1 : 0
    }

    private func offsetRows(_ group: GroupDescription) async throws -> [GroupOffsetRow] {
        let committed = try await calls.committed(group.groupId)
        let partitions = GroupsDescriber.partitions(group, committed: committed)
        let ends = try await calls.offsets(partitions, .latest).mapValues(\.offset)
        return GroupsDescriber.offsetRows(group, committed: committed, logEnds: ends)
    }

    // MARK: - --delete

    private func delete() async throws -> Int32 {
        let ids = try await groupIds()
        var unique: [String] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        let failures = try await calls.admin.deleteGroups(unique, deadline: calls.deadline)
        let (text, succeeded) = GroupDeletionText.deleteGroups(unique, failures: failures)
        emit(text)
        return succeeded ? 0 : 1
    }

    // MARK: - --validate-regex

    private func validateRegex() throws -> Int32 {
        let pattern = try arguments.value("validate-regex") ?? ""
        do {
            _ = try Regex(pattern)
            output.line("The regular expression `\(pattern)` is valid.")
            return 0
        } catch {
            output.line("The regular expression `\(pattern)` is invalid: \(error).")
            return 1
        }
    }
}

/// `--state` and `--type` filters of `--list`.
enum GroupFilters {
    /// `consumerGroupStatesFromString`; nil or empty: no filter.
    static func states(_ value: String?) throws -> [String] {
        guard let value, !value.isEmpty else { return [] }
        var result: [String] = []
        for piece in JavaText.split(value, on: ",") {
            guard let state = GroupStates.canonical(JavaText.trim(piece)) else {
                throw GroupsFailure.usage(
                    "Invalid state list '\(value)'. Valid states are: \(GroupStates.all.joined(separator: ", "))")
            }
            if !result.contains(state) { result.append(state) }
        }
        return result
    }

    static let validTypes = ["Consumer", "Classic", "Share"]

    /// `consumerGroupTypesFromString`.
    static func types(_ value: String?) throws -> [String] {
        guard let value, !value.isEmpty else { return [] }
        var result: [String] = []
        for piece in JavaText.split(value.lowercased(), on: ",") {
            guard let type = validTypes.first(where: { $0.lowercased() == JavaText.trim(piece) }) else {
                throw GroupsFailure.usage(
                    "Invalid types list '\(value)'. Valid types are: \(validTypes.joined(separator: ", "))")
            }
            if !result.contains(type) { result.append(type) }
        }
        return result
    }
}
