import KafkaCLISupport
import KafkaClient
import KafkaProtocol

/// The printing half of `--describe`: reads the described topics' configs (and the live brokers when
/// `--unavailable-partitions` needs them) and prints the header and partition lines the report options select.
struct TopicsDescriber {
    let arguments: JoptParsedArguments
    let admin: any AdminOperations
    let output: ToolOutput
    let format: OutputFormat

    var filter: PartitionFilter {
        PartitionFilter(
            underReplicated: arguments.has("under-replicated-partitions"),
            unavailable: arguments.has("unavailable-partitions"),
            underMinIsr: arguments.has("under-min-isr-partitions"), atMinIsr: arguments.has("at-min-isr-partitions"),
            topicsWithOverrides: arguments.has("topics-with-overrides"))
    }

    /// `--topic-id`, unless absent or the zero UUID (Apache then describes by name).
    func requestedTopicId() throws -> KafkaUUID? {
        guard let text = try arguments.value("topic-id") else { return nil }
        let id = try Self.parseTopicId(text)
        return id == .zero ? nil : id
    }

    /// Prints `topics` in the given order.
    func print(_ topics: [TopicDescription]) async throws {
        var configs: [ConfigResource: [ConfigEntry]] = [:]
        if !topics.isEmpty {
            configs = try await admin.describeConfigs(
                topics.map { ConfigResource(type: .topic, name: $0.name) }, includeSynonyms: false,
                includeDocumentation: false, deadline: nil)
        }
        var liveBrokers = Set<Int32>()
        if filter.unavailable && !topics.isEmpty {
            liveBrokers = Set(try await admin.describeCluster(deadline: nil).nodes.map(\.id))
        }
        var json: [JSONValue] = []
        for topic in topics {
            let entries = configs[ConfigResource(type: .topic, name: topic.name)] ?? []
            let minIsr = PartitionFilter.minIsr(entries)
            let header = filter.printsHeader(configs: entries)
            let partitions =
                filter.printsPartitions
                ? topic.partitions.filter { filter.printsPartition($0, minIsr: minIsr, liveBrokers: liveBrokers) } : []
            switch format {
            case .text:
                if header { output.line(TopicDescriptionText.header(topic: topic, configs: entries)) }
                for partition in partitions {
                    output.line(TopicDescriptionText.partition(topic: topic.name, partition))
                }
            case .json:
                if header || !partitions.isEmpty {
                    json.append(TopicsJSON.topic(topic, configs: entries, partitions: partitions))
                }
            }
        }
        if format == .json { output.line(TopicsJSON.describe(json).rendered) }
    }

    /// `Uuid.fromString`: URL-safe base64 of 16 bytes, with Apache's messages for what is not.
    static func parseTopicId(_ text: String) throws -> KafkaUUID {
        if text.count > 24 {
            throw TopicsFailure(
                "Input string with prefix `\(text.prefix(24))` is too long to be decoded as a base64 UUID")
        }
        guard let id = KafkaUUID(base64: text) else {
            throw TopicsFailure("Input string `\(text)` is not a base64-encoded UUID")
        }
        return id
    }
}
