import KafkaCLISupport

enum ConfigsAction: String, Sendable, Hashable {
    case describe, alter
}

/// A command line that passed Apache's `checkArgs`.
struct ConfigsInvocation: Sendable, Hashable {
    let action: ConfigsAction
    /// `entityTypes`: the `--entity-type` values, then the types of the shorthand flags.
    let entityTypes: [String]
    /// `entityNames`: one per `--entity-name` / `--entity-default` in command-line order ("" for a default),
    /// then the shorthand flags' values.
    let entityNames: [String]
    let arguments: JoptParsedArguments
    let format: OutputFormat
}

/// `ConfigCommandOptions.checkArgs` as a pure function, in Apache's order.
struct ConfigsValidation: Sendable, Hashable {
    enum Outcome: Sendable, Hashable {
        /// No arguments at all: the blurb and the help on stderr, exit 1.
        case usage
        case help
        case version
        /// One line on stderr, exit 1.
        case invalid(String)
        case run(ConfigsInvocation)
    }

    static func validate(_ arguments: JoptParsedArguments) -> Outcome {
        if arguments.argumentCount == 0 { return .usage }
        if arguments.has("help") { return .help }
        if arguments.has("version") { return .version }
        do {
            return try check(arguments)
        } catch {
            return .invalid(error.description)
        }
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    private static func check(_ arguments: JoptParsedArguments) throws(Invalid) -> Outcome {
        let has = arguments.has
        let actions = ["alter", "describe"].filter(has)
        guard actions.count == 1, let action = ConfigsAction(rawValue: actions[0]) else {
            throw Invalid("Command must include exactly one action: --describe, --alter")
        }
        for other in ["alter", "add-config", "delete-config"] where action == .describe && has(other) {
            throw Invalid("Option \"[describe]\" can't be used with option \"[\(other)]\"")
        }

        let types = entityTypes(arguments)
        let duplicates = Self.duplicates(types)
        if !duplicates.isEmpty {
            throw Invalid("Duplicate entity type(s) specified: \(duplicates.joined(separator: ","))")
        }
        guard has("bootstrap-server") || has("bootstrap-controller") else {
            throw Invalid("Either --bootstrap-server or --bootstrap-controller must be specified.")
        }
        for type in types where !ConfigsOptions.entityTypes.contains(type) {
            throw Invalid(
                "Invalid entity type \(type), the entity type must be one of "
                    + ConfigsOptions.entityTypes.joined(separator: ", ")
                    + " with a --bootstrap-server or --bootstrap-controller argument")
        }
        if types.isEmpty { throw Invalid("At least one entity type must be specified") }
        if types.count > 1 && Set(types) != ["users", "clients"] {
            throw Invalid("Only 'users' and 'clients' entity types may be specified together")
        }
        let usesShorthand = (ConfigsOptions.entityFlags + ConfigsOptions.entityDefaultFlags).contains { has($0.option) }
        if (has("entity-name") || has("entity-type") || has("entity-default")) && usesShorthand {
            throw Invalid("--entity-{type,name,default} should not be used in conjunction with specific entity flags")
        }
        let names: [String]
        do { names = try entityNames(arguments) } catch { throw Invalid(error.description) }
        let hasEntityName = names.contains { !$0.isEmpty }
        let hasEntityDefault = names.contains { $0.isEmpty }
        if has("bootstrap-server") && has("bootstrap-controller") {
            throw Invalid("Only one of --bootstrap-server or --bootstrap-controller can be specified")
        }
        if hasEntityName && (types.contains("brokers") || types.contains("broker-loggers")) {
            for option in ["entity-name", "broker", "broker-logger"] where has(option) {
                let id: String?
                do { id = try arguments.value(option) } catch { throw Invalid(error.description) }
                if let id, JoptParsedArguments.javaInteger(id) == nil {
                    throw Invalid("The entity name for \(types[0]) must be a valid integer broker id, but it is: \(id)")
                }
            }
        }
        let defaultable = ["users", "clients", "brokers", "ips"]
        if action == .describe {
            if !types.contains(where: defaultable.contains) && has("entity-default") {
                throw Invalid(
                    "--entity-default must not be specified with --describe of \(types.joined(separator: ","))")
            }
            if types.contains("broker-loggers") && !hasEntityName {
                throw Invalid("An entity name must be specified with --describe of \(types.joined(separator: ","))")
            }
        }
        if action == .alter {
            if types.contains(where: defaultable.contains) {
                if !hasEntityName && !hasEntityDefault {
                    throw Invalid(
                        "An entity-name or default entity must be specified with --alter of users, clients, brokers or ips"
                    )
                }
            } else if !hasEntityName {
                throw Invalid("An entity name must be specified with --alter of \(types.joined(separator: ","))")
            }
            if has("add-config") && has("add-config-file") {
                throw Invalid("Only one of --add-config or --add-config-file must be specified")
            }
            if !has("add-config") && !has("add-config-file") && !has("delete-config") {
                throw Invalid(
                    "At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter"
                )
            }
        }
        // Ours: JSON exists for --describe only.
        if action == .alter && has("output") {
            throw Invalid("Option \"[output]\" can't be used with option \"[alter]\"")
        }
        let format: OutputFormat
        switch OutputFormat.parse(arguments) {
        case .success(let parsed): format = parsed
        case .failure(let error): throw Invalid(error.description)
        }
        return .run(
            ConfigsInvocation(
                action: action, entityTypes: types, entityNames: names, arguments: arguments, format: format))
    }

    static func entityTypes(_ arguments: JoptParsedArguments) -> [String] {
        arguments.values("entity-type")
            + (ConfigsOptions.entityFlags + ConfigsOptions.entityDefaultFlags).filter { arguments.has($0.option) }
            .map(\.type)
    }

    static func entityNames(_ arguments: JoptParsedArguments) throws(JoptError) -> [String] {
        var names = arguments.occurrences.compactMap { occurrence -> String? in
            switch occurrence.name {
            case "entity-name": return occurrence.value ?? ""
            case "entity-default": return ""
            default: return nil
            }
        }
        for flag in ConfigsOptions.entityFlags {
            if let name = try arguments.value(flag.option) { names.append(name) }
        }
        names += ConfigsOptions.entityDefaultFlags.filter { arguments.has($0.option) }.map { _ in "" }
        return names
    }

    /// Scala's `seq.diff(seq.distinct)`: every occurrence after the first of each value, in order.
    static func duplicates(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !seen.insert($0).inserted }
    }
}
