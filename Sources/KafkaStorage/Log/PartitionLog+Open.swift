import KafkaProtocol
import Logging
import NIOCore

extension PartitionLog {
    /// Opens (creating when new) the log in `directory` and recovers it, Kafka's `LogLoader`:
    /// - leftover `.tmp`/`.deleted` files and index files without a `.log` are removed;
    /// - after an unclean shutdown every segment from the one holding `recoveryPoint` on is validated batch by
    ///   batch (sizes, CRC32C, offsets), its indexes are rebuilt, a torn or corrupt tail is cut off (logged), and
    ///   the segments after a cut are deleted;
    /// - after a clean shutdown the indexes are loaded, and rebuilt (with validation) when missing or corrupt.
    /// `partition.metadata` is written with `topicID` when missing.
    public static func open(
        directory: String, topicPartition: TopicPartition, topicID: KafkaUUID, fileSystem: any StorageFileSystem,
        config: LogConfig, logger: Logger, recoveryPoint: Int64 = 0, logStartOffset: Int64 = 0,
        hadCleanShutdown: Bool, now: Int64 = currentTimeMillis()
    ) throws -> (log: PartitionLog, report: RecoveryReport) {
        try fileSystem.createDirectory(directory)
        let metadataPath = joinPath(directory, LogFileNames.partitionMetadata)
        var storedTopicID = topicID
        if fileSystem.fileExists(metadataPath) {
            storedTopicID = try PartitionMetadataFile.parse(
                String(buffer: try fileSystem.readSmallFile(metadataPath)), path: metadataPath)
        } else {
            try fileSystem.writeFileAtomically(
                metadataPath, contents: PartitionMetadataFile.format(topicID: topicID), directory: directory)
        }

        var epochs = LeaderEpochCache()
        let epochPath = joinPath(directory, LogFileNames.leaderEpochCheckpoint)
        if fileSystem.fileExists(epochPath) {
            do {
                epochs = LeaderEpochCache(
                    entries: try LeaderEpochCheckpointFile.parse(
                        String(buffer: try fileSystem.readSmallFile(epochPath)), path: epochPath))
            } catch {
                logger.warning("ignoring \(epochPath): \(error)")
            }
        }

        var baseOffsets: [Int64] = []
        var indexNames: [(name: String, base: Int64)] = []
        for name in try fileSystem.listDirectory(directory) {
            if name.hasSuffix(".tmp") || name.hasSuffix(".deleted") || name.hasSuffix(".cleaned") {
                try fileSystem.removeFile(joinPath(directory, name))
            } else if let base = LogFileNames.baseOffset(ofFileNamed: name, suffix: LogFileNames.logSuffix) {
                baseOffsets.append(base)
            } else if let base = LogFileNames.baseOffset(ofFileNamed: name, suffix: LogFileNames.indexSuffix)
                ?? LogFileNames.baseOffset(ofFileNamed: name, suffix: LogFileNames.timeIndexSuffix)
            {
                indexNames.append((name, base))
            }
        }
        baseOffsets.sort()
        let logs = Set(baseOffsets)
        for orphan in indexNames where !logs.contains(orphan.base) {
            try fileSystem.removeFile(joinPath(directory, orphan.name))
        }

        var report = RecoveryReport(
            recoveredSegments: 0, truncatedBytes: 0, deletedSegments: 0, rebuiltIndexes: 0, messages: [])
        var segments: [LogSegment] = []
        var recoveryEpochs = epochs
        let firstToRecover = hadCleanShutdown ? Int64.max : (baseOffsets.last { $0 <= recoveryPoint } ?? Int64.min)
        var cut = false
        for base in baseOffsets {
            let (segment, indexesExisted) = try LogSegment.open(
                fileSystem: fileSystem, directory: directory, baseOffset: base, config: config, now: now)
            if cut {
                try segment.delete(fileSystem: fileSystem)
                report.deletedSegments += 1
                continue
            }
            var needsRecovery = base >= firstToRecover || !indexesExisted
            if !needsRecovery, try !segment.load(config: config) {
                logger.warning("rebuilding the indexes of \(segment.logPath): they do not match the log")
                needsRecovery = true
            }
            if needsRecovery {
                if base < firstToRecover { report.rebuiltIndexes += 1 }
                report.recoveredSegments += 1
                let outcome = try segment.recover(config: config, epochs: &recoveryEpochs)
                if outcome.truncatedBytes > 0 {
                    let line =
                        "truncated \(outcome.truncatedBytes) bytes from \(segment.logPath) at position "
                        + "\(outcome.validBytes): \(outcome.reason ?? "invalid data")"
                    logger.warning("\(line)")
                    report.messages.append(line)
                    report.truncatedBytes += outcome.truncatedBytes
                    cut = true
                }
                if segment.size == 0 && !segments.isEmpty && cut {
                    // An empty segment after a cut in the middle of the log adds nothing.
                    try segment.delete(fileSystem: fileSystem)
                    report.deletedSegments += 1
                    continue
                }
            }
            segments.append(segment)
        }

        if segments.isEmpty {
            let (segment, _) = try LogSegment.open(
                fileSystem: fileSystem, directory: directory, baseOffset: logStartOffset, config: config, now: now)
            segments.append(segment)
        }
        for segment in segments.dropLast() where segment.offsetIndex.maxEntries > segment.offsetIndex.count {
            try segment.seal()
        }
        let active = segments[segments.count - 1]
        try active.preallocateIndexes(config: config)

        let logEnd = active.nextOffset
        var start = max(logStartOffset, segments[0].baseOffset)
        if start > logEnd {
            // Everything the checkpoint kept is gone (e.g. a cut below it): start over at the log start.
            for segment in segments { try segment.delete(fileSystem: fileSystem) }
            let (segment, _) = try LogSegment.open(
                fileSystem: fileSystem, directory: directory, baseOffset: start, config: config, now: now)
            try segment.preallocateIndexes(config: config)
            segments = [segment]
        }
        start = min(start, segments[segments.count - 1].nextOffset)

        var changedEpochs = false
        if recoveryEpochs != epochs {
            epochs = recoveryEpochs
            changedEpochs = true
        }
        let end = segments[segments.count - 1].nextOffset
        changedEpochs = epochs.truncateFromEnd(end) || changedEpochs
        changedEpochs = epochs.truncateFromStart(start) || changedEpochs

        let log = PartitionLog(
            topicPartition: topicPartition, topicID: storedTopicID, directory: directory, fileSystem: fileSystem,
            config: config, logger: logger, segments: segments, logStartOffset: start,
            recoveryPoint: hadCleanShutdown ? end : min(recoveryPoint, end), epochs: epochs)
        if changedEpochs {
            try fileSystem.writeFileAtomically(
                epochPath, contents: LeaderEpochCheckpointFile.format(epochs.entries), directory: directory)
        }
        return (log, report)
    }
}
