import NIOCore

/// The broker's dynamic cluster-wide defaults (AlterConfigs on the broker entity ""), kept in
/// `<log.dir>/__broker_configs.properties` in the format of the per-topic files: KRaft keeps them in the metadata
/// log, which the bundled broker does not have. A plain file, so the partition-dir scan never takes it for a log.
extension LogManager {
    public static let brokerConfigFileName = "__broker_configs.properties"

    var brokerConfigPath: String { path(Self.brokerConfigFileName) }

    /// The stored defaults, empty when none were ever set.
    public func readBrokerDefaults() throws -> [String: String] {
        guard fileSystem.fileExists(brokerConfigPath) else { return [:] }
        return TopicConfigFile.parse(String(buffer: try fileSystem.readSmallFile(brokerConfigPath)))
    }

    /// Replaces the stored defaults (atomically: a crash leaves the old or the new set).
    public func writeBrokerDefaults(_ values: [String: String]) throws {
        try fileSystem.writeFileAtomically(
            brokerConfigPath, contents: TopicConfigFile.format(values), directory: logDirectory)
    }

    /// Fsyncs the logs that have records past their recovery point (the broker's `log.flush.interval.ms`) and,
    /// when any was flushed, writes the checkpoint files; returns how many were flushed.
    @discardableResult
    public func flushDirty() async throws -> Int {
        var flushed = 0
        for log in logs.values {
            let recoveryPoint = await log.recoveryPoint
            guard await log.logEndOffset > recoveryPoint else { continue }
            try await log.flush()
            flushed += 1
        }
        if flushed > 0 { try await writeCheckpoints() }
        return flushed
    }
}
