import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// Runs a validated kafka-topics invocation against the cluster, as `TopicCommand.TopicService` does. A failure
/// is Apache's `Error while executing topic command : <message>` on stdout, plus one log-style line on stderr
/// where Apache logs a stack trace; the exit code is then 1.
struct TopicsRunner {
    static let collisionWarning =
        "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both."

    let invocation: TopicsInvocation
    let admin: any AdminOperations
    let output: ToolOutput

    var arguments: JoptParsedArguments { invocation.arguments }

    func run() async -> Int32 {
        do {
            switch invocation.action {
            case .create: try await create()
            case .list: try await list()
            case .describe: try await describe()
            case .alter: try await alter()
            case .delete: try await delete()
            }
            return 0
        } catch {
            Self.report(error, to: output)
            return 1
        }
    }

    static func report(_ error: any Error, to output: ToolOutput) {
        let message = String(describing: error)
        output.line("Error while executing topic command : \(message)")
        output.errorLine(
            LogLine.format(level: "ERROR", message: message, logger: "org.apache.kafka.tools.TopicCommand"))
    }

    // MARK: - Actions

    private func create() async throws {
        let request = try TopicRequest(arguments)
        if TopicName.hasCollisionChars(request.name) { output.line(Self.collisionWarning) }
        if let factor = request.replicationFactor, factor < 1 || factor > Int32(Int16.max) {
            throw TopicsFailure("The replication factor must be between 1 and 32767 inclusive")
        }
        if let partitions = request.partitions, partitions < 1 {
            throw TopicsFailure("The partitions must be greater than 0")
        }
        // Apache leaves this to the broker; checking here refuses the same names with the same text, sooner.
        if let invalid = TopicName.invalidReason(request.name) { throw TopicsFailure(invalid) }
        let topic: NewTopic
        if let assignment = request.replicaAssignment {
            let byPartition = Dictionary(
                uniqueKeysWithValues: assignment.enumerated().map { (Int32($0.offset), $0.element) })
            topic = NewTopic(name: request.name, replicaAssignment: byPartition, configs: request.configs)
        } else {
            topic = NewTopic(
                name: request.name, numPartitions: request.partitions ?? -1,
                replicationFactor: Int16(request.replicationFactor ?? -1), configs: request.configs)
        }
        let failures = try await admin.createTopics([topic], validateOnly: false, deadline: nil)
        if let failure = failures[request.name] ?? failures.values.first {
            if failure.code == .topicAlreadyExists && arguments.has("if-not-exists") { return }
            throw KafkaClientError.broker(failure)
        }
        output.line("Created topic \(request.name).")
    }

    private func list() async throws {
        let topics = try await matchingTopics()
        switch invocation.format {
        case .text: output.line(topics.map(\.name).joined(separator: "\n"))
        case .json: output.line(TopicsJSON.list(topics).rendered)
        }
    }

    private func describe() async throws {
        let describer = TopicsDescriber(arguments: arguments, admin: admin, output: output, format: invocation.format)
        if let id = try describer.requestedTopicId() {
            let known = try await admin.listTopics(includeInternal: !arguments.has("exclude-internal"), deadline: nil)
            let found = known.contains { $0.topicId == id }
            if !found {
                if !arguments.has("if-exists") { throw TopicsFailure("TopicId '\(id)' does not exist as expected") }
                return try await describer.print([])
            }
            try await describer.print(try await admin.describeTopics(topicIds: [id], deadline: nil))
        } else {
            let names = try await matchingTopics().map(\.name)
            try ensureExists(names)
            guard !names.isEmpty else { return try await describer.print([]) }
            let limit = try arguments.integer("partition-size-limit-per-response") ?? 2000
            let described = try await admin.describeTopics(names, partitionLimitPerResponse: limit, deadline: nil)
            // Apache collects the answers in a HashMap sized for them and prints them in its order.
            let byName = Dictionary(described.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let order = JavaHashMapOrder.ordered(described.map(\.name), initialCapacity: names.count)
            try await describer.print(order.compactMap { byName[$0] })
        }
    }

    private func alter() async throws {
        let request = try TopicRequest(arguments)
        let names = try await matchingTopics().map(\.name)
        try ensureExists(names)
        guard !names.isEmpty, let total = request.partitions else { return }
        var assignments: [String: [[Int32]]] = [:]
        if let assignment = request.replicaAssignment {
            // The assignment lists every partition; only those past the current count are new.
            for topic in try await admin.describeTopics(names, partitionLimitPerResponse: 2000, deadline: nil) {
                assignments[topic.name] = Array(assignment.dropFirst(topic.partitions.count))
            }
        }
        let totals = Dictionary(uniqueKeysWithValues: names.map { ($0, total) })
        let failures = try await admin.createPartitions(
            totals, assignments: assignments, validateOnly: false, deadline: nil)
        if let name = names.first(where: { failures[$0] != nil }), let failure = failures[name] {
            throw KafkaClientError.broker(failure)
        }
    }

    private func delete() async throws {
        let names = try await matchingTopics().map(\.name)
        try ensureExists(names)
        guard !names.isEmpty else { return }
        let failures = try await admin.deleteTopics(names, deadline: nil)
        if let name = names.first(where: { failures[$0] != nil }), let failure = failures[name] {
            throw KafkaClientError.broker(failure)
        }
    }

    // MARK: - Shared steps

    /// `getTopics`: every topic (internal ones unless excluded), sorted as Java sorts strings, filtered by the
    /// `--topic` expression.
    private func matchingTopics() async throws -> [TopicListing] {
        let excludeInternal = arguments.has("exclude-internal")
        var filter: TopicFilter?
        if let raw = try arguments.value("topic") { filter = try TopicFilter(raw) }
        let listed = try await admin.listTopics(includeInternal: !excludeInternal, deadline: nil)
        return
            listed
            .sorted { $0.name.utf16.lexicographicallyPrecedes($1.name.utf16) }
            .filter { topic in
                filter.map { $0.allows(topic.name, excludeInternal: excludeInternal) }
                    ?? !(excludeInternal && TopicName.isInternal(topic.name))
            }
    }

    /// `ensureTopicExists`: a named topic that matched nothing is an error unless `--if-exists`.
    private func ensureExists(_ found: [String]) throws {
        guard found.isEmpty, !arguments.has("if-exists"), let requested = try arguments.value("topic"),
            !requested.isEmpty
        else { return }
        throw TopicsFailure("Topic '\(requested)' does not exist as expected")
    }
}

/// A failure with Apache's message and no exception class to name.
struct TopicsFailure: Error, Hashable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
