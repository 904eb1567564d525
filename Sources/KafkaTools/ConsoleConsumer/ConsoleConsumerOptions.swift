import KafkaCLISupport

/// `ConsoleConsumerOptions` (Apache 4.2, with KIP-1147's new names beside the deprecated ones): the options as
/// jopt-simple declares them, and the texts the tool prints about them.
enum ConsoleConsumerOptions {
    static let helpBlurb = "This tool helps to read data from Kafka topics and outputs it to standard output."
    static let logger = "org.apache.kafka.tools.consumer.ConsoleConsumer"

    static let parser = JoptParser([
        .value("topic"), .value("include"), .value("partition"), .value("offset"),
        .value("consumer-property"), .value("command-property"), .value("consumer.config"), .value("command-config"),
        .value("formatter"), .value("property"), .value("formatter-property"), .value("formatter-config"),
        .flag("from-beginning"), .value("max-messages"), .value("timeout-ms"), .flag("skip-message-on-error"),
        .value("bootstrap-server"), .value("key-deserializer"), .value("value-deserializer"),
        .flag("enable-systest-events"), .value("isolation-level"), .value("group"), .value("output"),
        JoptOption.help, JoptOption.version,
    ])

    /// A deprecated KIP-1147 name and its replacement.
    struct Renamed: Sendable {
        let old: String
        let new: String

        var conflict: String { "Options --\(old) and --\(new) cannot be specified together." }
        var deprecation: String {
            "Option --\(old) is deprecated and will be removed in a future version. Use --\(new) instead."
        }
    }

    static let consumerProperty = Renamed(old: "consumer-property", new: "command-property")
    static let consumerConfig = Renamed(old: "consumer.config", new: "command-config")
    static let formatterProperty = Renamed(old: "property", new: "formatter-property")

    static let exactlyOneSource = "Exactly one of the following arguments is required: [topic], [include]"
    static let topicForPartition = "The topic is required when partition is specified."
    static let beginningAndOffset = "Options from-beginning and offset cannot be specified together."
    static let partitionForOffset = "The partition is required when offset is specified."
    static let groupAndPartition = "Options group and partition cannot be specified together."
    /// Ours: `--output json` prints its own layout.
    static let outputAndFormatter = "Options output and formatter cannot be specified together."

    static func groupMismatch(_ ids: [String]) -> String {
        "The group ids provided in different places (directly using '--group', via '--consumer-property', or via "
            + "'--consumer.config') do not match. Detected group ids: "
            + ids.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func offsetResetConflict(_ value: String) -> String {
        "Can't simultaneously specify --from-beginning and 'auto.offset.reset=\(value)', please remove one option"
    }

    static func invalidOffset(_ value: String) -> String {
        "The provided offset value '\(value)' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."
    }
}
