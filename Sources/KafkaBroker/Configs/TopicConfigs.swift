/// The topic configs of Kafka 4.x (`TopicConfig` and `LogConfig`), with their broker synonyms in Apache's
/// precedence order (`ServerTopicConfigSynonyms`). Every name is accepted and described; the ones the storage
/// layer does not act on are listed in SKIPPED.md.
public enum TopicConfigs {
    static let compressionTypes = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]

    public static let all: [ConfigDefinition] = [
        .init("cleanup.policy", .list, "delete", synonyms: ["log.cleanup.policy"], rule: .listOf(["compact", "delete"])),
        .init("compression.gzip.level", .int, "-1", synonyms: ["compression.gzip.level"], rule: .defaultOrBetween(1, 9)),
        .init("compression.lz4.level", .int, "9", synonyms: ["compression.lz4.level"], rule: .between(1, 17)),
        .init("compression.type", .string, "producer", synonyms: ["compression.type"], rule: .oneOf(compressionTypes)),
        .init("compression.zstd.level", .int, "3", synonyms: ["compression.zstd.level"], rule: .between(-131072, 22)),
        .init("delete.retention.ms", .long, "86400000", synonyms: ["log.cleaner.delete.retention.ms"], rule: .atLeast(0)),
        .init("file.delete.delay.ms", .long, "60000", synonyms: ["log.segment.delete.delay.ms"], rule: .atLeast(0)),
        .init("flush.messages", .long, "9223372036854775807", synonyms: ["log.flush.interval.messages"], rule: .atLeast(1)),
        .init("flush.ms", .long, "9223372036854775807", synonyms: ["log.flush.interval.ms"], rule: .atLeast(0)),
        .init("follower.replication.throttled.replicas", .list, "", synonyms: ["follower.replication.throttled.replicas"]),
        .init("index.interval.bytes", .int, "4096", synonyms: ["log.index.interval.bytes"], rule: .atLeast(0)),
        .init("leader.replication.throttled.replicas", .list, "", synonyms: ["leader.replication.throttled.replicas"]),
        .init("local.retention.bytes", .long, "-2", synonyms: ["log.local.retention.bytes"], rule: .atLeast(-2)),
        .init("local.retention.ms", .long, "-2", synonyms: ["log.local.retention.ms"], rule: .atLeast(-2)),
        .init("max.compaction.lag.ms", .long, "9223372036854775807", synonyms: ["log.cleaner.max.compaction.lag.ms"], rule: .atLeast(1)),
        .init("max.message.bytes", .int, "1048588", synonyms: ["message.max.bytes"], rule: .atLeast(0)),
        .init("message.timestamp.after.max.ms", .long, "3600000", synonyms: ["log.message.timestamp.after.max.ms"], rule: .atLeast(0)),
        .init("message.timestamp.before.max.ms", .long, "9223372036854775807", synonyms: ["log.message.timestamp.before.max.ms"], rule: .atLeast(0)),
        .init("message.timestamp.type", .string, "CreateTime", synonyms: ["log.message.timestamp.type"], rule: .oneOf(["CreateTime", "LogAppendTime"])),
        .init("min.cleanable.dirty.ratio", .double, "0.5", synonyms: ["log.cleaner.min.cleanable.ratio"], rule: .between(0, 1)),
        .init("min.compaction.lag.ms", .long, "0", synonyms: ["log.cleaner.min.compaction.lag.ms"], rule: .atLeast(0)),
        .init("min.insync.replicas", .int, "1", synonyms: ["min.insync.replicas"], rule: .atLeast(1)),
        .init("preallocate", .boolean, "false", synonyms: ["log.preallocate"]),
        .init("remote.log.copy.disable", .boolean, "false"),
        .init("remote.log.delete.on.disable", .boolean, "false"),
        .init("remote.storage.enable", .boolean, "false"),
        .init("retention.bytes", .long, "-1", synonyms: ["log.retention.bytes"]),
        .init("retention.ms", .long, "604800000", synonyms: ["log.retention.ms", "log.retention.minutes", "log.retention.hours"], rule: .atLeast(-1)),
        .init("segment.bytes", .int, "1073741824", synonyms: ["log.segment.bytes"], rule: .atLeast(1_048_576)),
        .init("segment.index.bytes", .int, "10485760", synonyms: ["log.index.size.max.bytes"], rule: .atLeast(4)),
        .init("segment.jitter.ms", .long, "0", synonyms: ["log.roll.jitter.ms", "log.roll.jitter.hours"], rule: .atLeast(0)),
        .init("segment.ms", .long, "604800000", synonyms: ["log.roll.ms", "log.roll.hours"], rule: .atLeast(1)),
        .init("unclean.leader.election.enable", .boolean, "false", synonyms: ["unclean.leader.election.enable"]),
    ]

    static let byName: [String: ConfigDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func definition(_ name: String) -> ConfigDefinition? { byName[name] }

    /// Why a set of topic configs is refused (unknown name or bad value, Apache's wording), or nil.
    public static func validate(_ configs: [String: String]) -> String? {
        for (name, value) in configs.sorted(by: { $0.key < $1.key }) {
            guard let definition = byName[name] else { return "Unknown topic config name: \(name)" }
            if let problem = definition.validate(value) { return problem }
        }
        return nil
    }
}
