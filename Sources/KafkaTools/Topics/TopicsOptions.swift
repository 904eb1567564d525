import KafkaCLISupport

/// `TopicCommand.TopicCommandOptions`: the options kafka-topics accepts, as jopt-simple declares them, plus our
/// `--output`.
enum TopicsOptions {
    static let noArgumentsBlurb = "Create, delete, describe, or change a topic."
    static let helpBlurb = "This tool helps to create, delete, describe, or change a topic."
    static let oneAction = "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
    static let alterConfigsHint = " (To alter topic configurations, the kafka-configs tool can be used.)"
    static let deleteConfigNote =
        "delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases."
    static let topicIdWinsNote =
        "Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID"

    /// The five actions, in the order Apache's message lists them.
    static let actions = ["list", "describe", "create", "alter", "delete"]
    static let reportOptions = [
        "under-replicated-partitions", "under-min-isr-partitions", "at-min-isr-partitions", "unavailable-partitions",
    ]

    static let parser = JoptParser([
        .value("bootstrap-server"), .value("command-config"),
        .flag("list"), .flag("create"), .flag("delete"), .flag("alter"), .flag("describe"),
        .value("topic"), .value("topic-id"), .value("config"), .value("delete-config"),
        .value("partitions"), .value("replication-factor"), .value("replica-assignment"),
        .flag("under-replicated-partitions"), .flag("unavailable-partitions"), .flag("under-min-isr-partitions"),
        .flag("at-min-isr-partitions"), .flag("topics-with-overrides"), .flag("if-exists"), .flag("if-not-exists"),
        .flag("exclude-internal"), .value("partition-size-limit-per-response"),
        .value("output"), JoptOption.help, JoptOption.version,
    ])
}
