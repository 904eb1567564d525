import KafkaCLISupport
import KafkaProperties

/// `ConsoleConsumerOptions`' constructor, in Apache's order, as a pure function of the command line (and the
/// property files it names): either an invocation or Apache's message. The deprecation lines Apache prints on
/// stdout along the way are kept, in order, since they come out even when a later check fails.
struct ConsoleConsumerValidation: Sendable {
    enum Outcome: Sendable {
        /// No arguments: the blurb and the help on stderr, exit 1.
        case usage
        case help
        case version
        /// One line on stderr, exit 1.
        case invalid(String)
        case run(ConsoleConsumerInvocation)
    }

    var outcome: Outcome
    var standardOutputNotes: [String] = []

    /// `randomGroupNumber` stands in for `new Random().nextInt(100000)`.
    static func validate(
        _ arguments: JoptParsedArguments, randomGroupNumber: () -> Int = { Int.random(in: 0..<100_000) }
    )
        -> ConsoleConsumerValidation
    {
        if arguments.argumentCount == 0 { return ConsoleConsumerValidation(outcome: .usage) }
        if arguments.has("help") { return ConsoleConsumerValidation(outcome: .help) }
        if arguments.has("version") { return ConsoleConsumerValidation(outcome: .version) }
        var result = ConsoleConsumerValidation(outcome: .usage)
        do {
            result.outcome = .run(
                try check(arguments, notes: &result.standardOutputNotes, randomGroupNumber: randomGroupNumber))
        } catch {
            result.outcome = .invalid(error.message)
        }
        return result
    }

    struct Refusal: Error {
        let message: String
    }

    private static func check(
        _ arguments: JoptParsedArguments, notes: inout [String], randomGroupNumber: () -> Int
    ) throws(Refusal) -> ConsoleConsumerInvocation {
        let has = arguments.has
        let fromBeginning = has("from-beginning")

        // checkRequiredArgs
        if [has("topic"), has("include")].filter({ $0 }).count != 1 {
            throw Refusal(message: ConsoleConsumerOptions.exactlyOneSource)
        }
        let partition = try jopt { try arguments.integer("partition") }
        if partition != nil {
            if !has("topic") { throw Refusal(message: ConsoleConsumerOptions.topicForPartition) }
            if fromBeginning && has("offset") { throw Refusal(message: ConsoleConsumerOptions.beginningAndOffset) }
        } else if has("offset") {
            throw Refusal(message: ConsoleConsumerOptions.partitionForOffset)
        }
        if !has("bootstrap-server") { throw Refusal(message: "Missing required argument \"[bootstrap-server]\"") }

        // KIP-1147: the old names still work, with a note, but not together with the new ones.
        for renamed in [ConsoleConsumerOptions.consumerProperty, ConsoleConsumerOptions.consumerConfig]
        where has(renamed.old) && has(renamed.new) {
            throw Refusal(message: renamed.conflict)
        }
        for renamed in [ConsoleConsumerOptions.consumerProperty, ConsoleConsumerOptions.consumerConfig]
        where has(renamed.old) {
            notes.append(renamed.deprecation)
        }
        let configOption = has("consumer.config") ? "consumer.config" : "command-config"
        let propertyOption = has("consumer-property") ? "consumer-property" : "command-property"
        let fromFile = try jopt { try arguments.value(configOption) }.map(load) ?? [:]
        let extra = keyValues(arguments.values(propertyOption))

        // checkConsumerGroup: every place a group id is given must agree.
        var groupIds: [String] = []
        for id in [try jopt { try arguments.value("group") }, fromFile["group.id"], extra["group.id"]]
        where id != nil {
            if let id, !groupIds.contains(id) { groupIds.append(id) }
        }
        if groupIds.count > 1 {
            throw Refusal(message: ConsoleConsumerOptions.groupMismatch(JavaHashMapOrder.ordered(groupIds)))
        }
        if !groupIds.isEmpty && partition != nil { throw Refusal(message: ConsoleConsumerOptions.groupAndPartition) }

        // buildConsumerProps
        var properties = fromFile.merging(extra) { _, new in new }
        if let reset = properties["auto.offset.reset"] {
            if fromBeginning && reset != "earliest" {
                throw Refusal(message: ConsoleConsumerOptions.offsetResetConflict(reset))
            }
        } else {
            properties["auto.offset.reset"] = fromBeginning ? "earliest" : "latest"
        }
        properties["bootstrap.servers"] = try jopt { try arguments.value("bootstrap-server") }
        if properties["client.id"] == nil { properties["client.id"] = "console-consumer" }
        // maybeMergeOptions: the option wins when given, else a set property stays, else the option's default.
        if has("isolation-level") || properties["isolation.level"] == nil {
            properties["isolation.level"] = try jopt { try arguments.value("isolation-level") } ?? "read_uncommitted"
        }
        if let groupId = groupIds.first {
            properties["group.id"] = groupId
        } else {
            properties["group.id"] = "console-consumer-\(randomGroupNumber())"
            // The made-up group is never used again: don't fill the coordinator with its offsets.
            if properties["enable.auto.commit"] == nil { properties["enable.auto.commit"] = "false" }
        }

        let start = try startOffset(arguments, fromBeginning: fromBeginning)
        let timeout = try jopt { try long(arguments, "timeout-ms") }
        let formatter = try buildFormatter(arguments, notes: &notes)
        // -1 is Java's "no limit" (its loop runs while `count < max || max == -1`).
        let maxMessages = try jopt { try arguments.integer("max-messages") }.flatMap { $0 == -1 ? nil : $0 }

        let source: ConsoleConsumerInvocation.Source
        if let partition, let topic = try jopt({ try arguments.value("topic") }) {
            source = .partition(topic: topic, partition: partition, start: start)
        } else if let topic = try jopt({ try arguments.value("topic") }) {
            source = .topic(topic)
        } else {
            source = .pattern(try jopt { try arguments.value("include") } ?? "")
        }
        return ConsoleConsumerInvocation(
            source: source, consumerProperties: properties, maxMessages: maxMessages,
            timeoutMs: timeout.flatMap { $0 >= 0 ? $0 : nil }, skipMessageOnError: has("skip-message-on-error"),
            formatter: formatter, enableSystestEvents: has("enable-systest-events"))
    }

    /// `parseOffset`: only read when `--offset` is given; `--from-beginning` means earliest; else latest.
    private static func startOffset(_ arguments: JoptParsedArguments, fromBeginning: Bool) throws(Refusal)
        -> ConsoleConsumerInvocation.StartOffset
    {
        if let text = try jopt({ try arguments.value("offset") }) {
            guard let start = ConsoleConsumerInvocation.StartOffset.parse(text) else {
                throw Refusal(message: ConsoleConsumerOptions.invalidOffset(text))
            }
            return start
        }
        return fromBeginning ? .earliest : .latest
    }

    /// `buildFormatter`: the class first (or our `--output json`), then the properties (file, then the deserializer
    /// options, then `--formatter-property` or the deprecated `--property`).
    private static func buildFormatter(_ arguments: JoptParsedArguments, notes: inout [String]) throws(Refusal)
        -> ConsoleFormatter
    {
        let format: OutputFormat
        switch OutputFormat.parse(arguments) {
        case .success(let parsed): format = parsed
        case .failure(let error): throw Refusal(message: error.description)
        }
        if format == .json && arguments.has("formatter") {
            throw Refusal(message: ConsoleConsumerOptions.outputAndFormatter)
        }
        let className = try jopt { try arguments.value("formatter") } ?? ConsoleFormatter.defaultClass
        let kind: ConsoleFormatter.Kind
        do {
            kind = format == .json ? .json : try ConsoleFormatter.Kind(className: className)
        } catch {
            throw Refusal(message: String(describing: error))
        }
        let renamed = ConsoleConsumerOptions.formatterProperty
        if arguments.has(renamed.old) && arguments.has(renamed.new) { throw Refusal(message: renamed.conflict) }
        if arguments.has(renamed.old) { notes.append(renamed.deprecation) }
        var properties = try jopt { try arguments.value("formatter-config") }.map(load) ?? [:]
        for (option, key) in [("key-deserializer", "key.deserializer"), ("value-deserializer", "value.deserializer")] {
            if let name = try jopt({ try arguments.value(option) }), !name.isEmpty { properties[key] = name }
        }
        let propertyOption = arguments.has(renamed.old) ? renamed.old : renamed.new
        properties.merge(keyValues(arguments.values(propertyOption))) { _, new in new }
        do {
            return try ConsoleFormatter(kind: kind, properties: properties)
        } catch {
            throw Refusal(message: String(describing: error))
        }
    }

    private static func load(_ path: String) throws(Refusal) -> [String: String] {
        do {
            return try PropertiesFile.load(path: path)
        } catch {
            throw Refusal(message: String(describing: error))
        }
    }

    /// `parseKeyValueArgs` with missing values accepted, which cannot fail.
    private static func keyValues(_ items: [String]) -> [String: String] {
        (try? KeyValueArguments.dictionary(items)) ?? [:]
    }

    /// `valueOf` of an `ofType(Long.class)` option.
    private static func long(_ arguments: JoptParsedArguments, _ name: String) throws(JoptError) -> Int64? {
        guard let text = try arguments.value(name) else { return nil }
        let valid = text.utf8.allSatisfy {
            $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || (48...57).contains($0)
        }
        guard valid, let number = Int64(text) else { throw .cannotParseArgument(argument: text, option: name) }
        return number
    }

    /// Runs a jopt read (`valueOf`); its error becomes the refusal, as Apache reports it.
    private static func jopt<T>(_ read: () throws -> T) throws(Refusal) -> T {
        do {
            return try read()
        } catch {
            throw Refusal(message: String(describing: error))
        }
    }
}
