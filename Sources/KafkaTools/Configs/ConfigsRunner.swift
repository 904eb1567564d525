import KafkaCLISupport
import KafkaClient
import KafkaProperties
import KafkaProtocol

/// Runs a validated kafka-configs invocation as `ConfigCommand.processCommand` does: describe or alter one
/// entity (or, for a describe without a name, every topic or every broker plus the cluster default).
struct ConfigsRunner {
    let invocation: ConfigsInvocation
    let admin: any AdminOperations
    let output: ToolOutput
    /// The command line as typed, for Apache's "Error while executing config command with args '…'".
    let commandLine: [String]

    var arguments: JoptParsedArguments { invocation.arguments }

    func run() async -> Int32 {
        do {
            switch invocation.action {
            case .describe: try await describe()
            case .alter: try await alter()
            }
            return 0
        } catch {
            Self.report(error, commandLine: commandLine, to: output)
            return 1
        }
    }

    static func report(_ error: any Error, commandLine: [String], to output: ToolOutput) {
        switch error {
        case ConfigsFailure.plain(let message): output.errorLine(message)
        case let error as JoptError: output.errorLine(error.description)
        case KafkaClientError.unsupportedApi(.incrementalAlterConfigs, _):
            output.errorLine(ConfigsFailure.incrementalAlterUnsupported)
        default:
            output.errorLine(
                "Error while executing config command with args '\(commandLine.joined(separator: " "))': "
                    + String(describing: error))
        }
    }

    // MARK: - Describe

    private func describe() async throws {
        if invocation.entityTypes == ["users"] { return try await ConfigsUsers(runner: self).describe() }
        let entityType = invocation.entityTypes[0]
        guard ConfigsEntity(entityType: entityType, name: "").resource != nil else {
            throw ConfigsFailure.unsupportedEntityType(entityType)
        }
        let all = arguments.has("all")
        var json: [JSONValue] = []
        for name in try await entityNames(of: entityType) {
            let entity = ConfigsEntity(entityType: entityType, name: name)
            if invocation.format == .text {
                output.line(ConfigsText.header(entityType: entityType, entityName: name, all: all))
            }
            let entries = try await configs(of: entity, includeSynonyms: true, all: all)
            switch invocation.format {
            case .text: for entry in entries { output.line(ConfigsText.entry(entry)) }
            case .json: json.append(ConfigsJSON.entity(entityType: entityType, entityName: name, entries: entries))
            }
        }
        if invocation.format == .json { output.line(ConfigsJSON.describe(json).rendered) }
    }

    /// The named entity, or every topic (in the order Apache's HashMap of them gives), or every broker and then
    /// the cluster default "".
    private func entityNames(of entityType: String) async throws -> [String] {
        if let name = invocation.entityNames.first { return [name] }
        switch entityType {
        case "topics":
            let topics = try await admin.listTopics(includeInternal: true, deadline: nil)
            return JavaHashMapOrder.ordered(topics.map(\.name))
        case "brokers", "broker-loggers":
            return try await admin.describeCluster(deadline: nil).nodes.map { String($0.id) } + [""]
        default:
            throw ConfigsFailure.unlistable(entityType)
        }
    }

    /// `getResourceConfig`: the entity's configs, only the dynamic ones unless `all`, sorted by name.
    private func configs(of entity: ConfigsEntity, includeSynonyms: Bool, all: Bool) async throws -> [ConfigEntry] {
        try entity.validate()
        guard let resource = entity.resource else { throw ConfigsFailure.unsupportedEntityType(entity.entityType) }
        let described = try await admin.describeConfigs(
            [resource], includeSynonyms: includeSynonyms, includeDocumentation: false, deadline: nil)
        let entries = described[resource] ?? (described.count == 1 ? described.values.first : nil) ?? []
        let source = all ? nil : entity.dynamicSource
        return entries.filter { source == nil || $0.source == source }
            .sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
    }

    // MARK: - Alter

    private func alter() async throws {
        if invocation.entityTypes.count != invocation.entityNames.count {
            throw ConfigsFailure.plain("An entity name must be specified for every entity type")
        }
        if invocation.entityTypes == ["users"] {
            return try await ConfigsUsers(runner: self).alter(user: invocation.entityNames[0])
        }
        let entity = ConfigsEntity(entityType: invocation.entityTypes[0], name: invocation.entityNames[0])
        let additions = try configsToAdd()
        let deletions = arguments.values("delete-config").map(JavaText.trim)
        guard let resource = entity.resource else { throw ConfigsFailure.unsupportedEntityType(entity.entityType) }

        let current = try await configs(of: entity, includeSynonyms: entity.entityType == "broker-loggers", all: false)
        let known = Set(current.map(\.name))
        if entity.entityType == "broker-loggers" {
            let invalid = deletions.filter { !known.contains($0) } + additions.map(\.key).filter { !known.contains($0) }
            if !invalid.isEmpty {
                throw ConfigsFailure.plain("Invalid broker logger(s): \(invalid.joined(separator: ","))")
            }
        } else {
            let invalid = deletions.filter { !known.contains($0) }
            if !invalid.isEmpty { throw ConfigsFailure.plain("Invalid config(s): \(invalid.joined(separator: ","))") }
        }

        let operations =
            deletions.map { AlterConfigOperation(name: $0, value: "", kind: .delete) }
            + additions.map { AlterConfigOperation(name: $0.key, value: $0.value, kind: .set) }
        let failures = try await admin.incrementalAlterConfigs(
            [resource: operations], validateOnly: false, deadline: nil)
        if let failure = failures[resource] ?? failures.values.first { throw KafkaClientError.broker(failure) }
        output.line(ConfigsText.completed(entityType: entity.entityType, entityName: entity.name))
    }

    /// `parseConfigsToBeAdded`: the `--add-config-file` settings, then `--add-config`'s, keys checked.
    func configsToAdd() throws -> [(key: String, value: String)] {
        var additions: [(key: String, value: String)] = []
        if let path = try arguments.value("add-config-file") {
            let file: [String: String]
            do {
                file = try PropertiesFile.load(path: path)
            } catch {
                throw ConfigsFailure.execution(String(describing: error))
            }
            additions = file.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        if let text = try arguments.value("add-config") {
            do {
                for (key, value) in try AddConfigArguments.parse(text) {
                    additions.removeAll { $0.key == key }
                    additions.append((key, value))
                }
            } catch {
                throw ConfigsFailure.plain(error.description)
            }
        }
        do {
            try AddConfigArguments.validateKeys(additions.map(\.key))
        } catch {
            throw ConfigsFailure.plain(error.description)
        }
        return additions
    }
}
