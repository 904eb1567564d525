/// Kafka's file names inside a log dir and a partition dir.
public enum LogFileNames {
    public static let logSuffix = ".log"
    public static let indexSuffix = ".index"
    public static let timeIndexSuffix = ".timeindex"
    public static let snapshotSuffix = ".snapshot"
    public static let transactionIndexSuffix = ".txnindex"
    /// Kafka renames a partition dir to `<name>.<uuid>-delete` before removing it, so a crash mid-removal leaves
    /// a dir the next start finishes deleting instead of a half-deleted partition.
    public static let deleteDirSuffix = "-delete"
    public static let leaderEpochCheckpoint = "leader-epoch-checkpoint"
    public static let partitionMetadata = "partition.metadata"
    public static let metaProperties = "meta.properties"
    public static let recoveryPointCheckpoint = "recovery-point-offset-checkpoint"
    public static let logStartOffsetCheckpoint = "log-start-offset-checkpoint"
    public static let replicationOffsetCheckpoint = "replication-offset-checkpoint"
    /// Kafka's `CleanShutdownFileHandler` marker (Kafka 3.x/4.x): present only after an orderly stop.
    public static let cleanShutdown = ".kafka_cleanshutdown"
    /// Where this project keeps per-topic configs (KRaft keeps them in the metadata log, which we do not have):
    /// `<log.dir>/__topic_configs/<topic>.properties`. The name has no `-<partition>` suffix, so neither Kafka nor
    /// our loader mistakes it for a partition.
    public static let topicConfigDir = "__topic_configs"

    /// The 20-digit zero-padded offset that names a segment's files.
    public static func offsetPrefix(_ offset: Int64) -> String {
        let digits = String(offset)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    public static func logFile(baseOffset: Int64) -> String { offsetPrefix(baseOffset) + logSuffix }
    public static func indexFile(baseOffset: Int64) -> String { offsetPrefix(baseOffset) + indexSuffix }
    public static func timeIndexFile(baseOffset: Int64) -> String { offsetPrefix(baseOffset) + timeIndexSuffix }

    /// The base offset in a segment file name such as `00000000000000000042.log`, or nil.
    public static func baseOffset(ofFileNamed name: String, suffix: String) -> Int64? {
        guard name.hasSuffix(suffix) else { return nil }
        let stem = name.dropLast(suffix.count)
        guard stem.count == 20, stem.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(stem)
    }

    /// `<topic>-<partition>`.
    public static func partitionDirectory(topic: String, partition: Int32) -> String { "\(topic)-\(partition)" }

    /// Splits `<topic>-<partition>` at the last dash; nil for anything else (including `-delete` dirs).
    public static func parsePartitionDirectory(_ name: String) -> (topic: String, partition: Int32)? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let topic = String(name[..<dash])
        let number = name[name.index(after: dash)...]
        guard !topic.isEmpty, !topic.contains("/"), !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }),
            let partition = Int32(number)
        else { return nil }
        return (topic, partition)
    }
}
