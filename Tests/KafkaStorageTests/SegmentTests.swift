import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct SegmentTests {
    /// Batches of 5 records of 100 bytes: 606 bytes each.
    static let batchSize = 606

    func fill(_ log: PartitionLog, batches: Int) async throws {
        for _ in 0..<batches { _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
    }

    @Test func indexEntriesWhereKafkaPutsThem() async throws {
        var harness = LogHarness()
        harness.config.indexIntervalBytes = 1000
        let (log, _) = try harness.open()
        for batch in 0..<10 {
            _ = try await log.append(batches: try makeBatch(count: 5, timestamp: currentTimeMillis() + Int64(batch) * 10), leaderEpoch: 0)
        }
        try await log.close()
        // Kafka: before a batch, if more than index.interval.bytes went by since the last entry, an entry with
        // that batch's last offset and start position.
        var expected: [OffsetPosition] = []
        var since = 0
        for batch in 0..<10 {
            if since > 1000 {
                expected.append(OffsetPosition(offset: Int64(batch * 5 + 4), position: Int32(batch * Self.batchSize)))
                since = 0
            }
            since += Self.batchSize
        }
        let indexFile = try harness.fileSystem.openFile(harness.directory + "/00000000000000000000.index", create: false)
        var reader = try IndexFileReader(file: indexFile, kind: .offset, baseOffset: 0)
        var entries: [OffsetPosition] = []
        while let entry = try reader.nextOffsetEntry() { entries.append(entry) }
        #expect(entries == expected)
        #expect(try indexFile.size() == Int64(expected.count * 8))  // trimmed on close
        let timeFile = try harness.fileSystem.openFile(harness.directory + "/00000000000000000000.timeindex", create: false)
        var times = try IndexFileReader(file: timeFile, kind: .time, baseOffset: 0)
        var timeEntries: [TimestampOffset] = []
        while let entry = try times.nextTimeEntry() { timeEntries.append(entry) }
        // One per offset index entry with the max timestamp so far, plus the one added on close.
        #expect(timeEntries.count == expected.count + 1)
        #expect(timeEntries.last?.offset == 49)
        #expect(zip(timeEntries, timeEntries.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp })
    }

    @Test func rollsBySizeAndTrimsSealedIndexes() async throws {
        var harness = LogHarness()
        harness.config.segmentBytes = 2000
        let (log, _) = try harness.open()
        try await fill(log, batches: 12)
        #expect(await log.segmentBaseOffsets == [0, 15, 30, 45])
        let names = try harness.fileSystem.listDirectory(harness.directory).sorted()
        #expect(names.contains("00000000000000000045.log") && names.contains("00000000000000000030.timeindex"))
        let sealed = try harness.fileSystem.openFile(harness.directory + "/00000000000000000015.index", create: false)
        #expect(try sealed.size() == 0)  // 1818 bytes never exceeded the 4096-byte interval
        let active = try harness.fileSystem.openFile(harness.directory + "/00000000000000000045.index", create: false)
        #expect(try active.size() == 4096)  // preallocated to segment.index.bytes
        let read = try await log.read(from: 16, maxBytes: 1 << 20)
        #expect(try batchSummaries(read.records).map(\.base) == [15, 20, 25])
    }

    @Test func rollsByTime() async throws {
        var harness = LogHarness()
        harness.config.segmentMs = 1000
        let (log, _) = try harness.open()
        _ = try await log.append(batches: try makeBatch(count: 1, timestamp: 10_000), leaderEpoch: 0, now: 10_500)
        _ = try await log.append(batches: try makeBatch(count: 1, timestamp: 10_600), leaderEpoch: 0, now: 10_900)
        #expect(await log.segmentCount == 1)
        _ = try await log.append(batches: try makeBatch(count: 1, timestamp: 11_200), leaderEpoch: 0, now: 11_200)
        #expect(await log.segmentBaseOffsets == [0, 2])
    }

    @Test func retentionBySizeDeletesOldestWholeSegments() async throws {
        var harness = LogHarness()
        harness.config.segmentBytes = 2000
        harness.config.retentionBytes = 4000
        let (log, _) = try harness.open()
        try await fill(log, batches: 12)
        #expect(try await log.enforceRetention() == 1)
        #expect(await log.segmentBaseOffsets == [15, 30, 45])
        #expect(await log.logStartOffset == 15)
        #expect(!harness.fileSystem.fileExists(harness.directory + "/00000000000000000000.log"))
        await #expect(throws: StorageError.self) { try await log.read(from: 3, maxBytes: 100) }
    }

    @Test func retentionByTimeCanDeleteEverythingAndRollsAnEmptySegment() async throws {
        var harness = LogHarness()
        harness.config.segmentBytes = 2000
        harness.config.retentionMs = 1000
        let (log, _) = try harness.open()
        try await fill(log, batches: 7)
        #expect(try await log.enforceRetention(now: currentTimeMillis()) == 0)
        #expect(try await log.enforceRetention(now: currentTimeMillis() + 5000) == 3)
        #expect(await log.segmentBaseOffsets == [35])
        #expect(await log.logStartOffset == 35)
        #expect(await log.logEndOffset == 35)
        let result = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0)
        #expect(result.baseOffset == 35)
    }

    @Test func deleteRecordsAndTruncate() async throws {
        var harness = LogHarness()
        harness.config.segmentBytes = 2000
        let (log, _) = try harness.open()
        try await fill(log, batches: 12)
        #expect(try await log.deleteRecords(before: 20) == 20)
        #expect(await log.segmentBaseOffsets == [15, 30, 45])
        await #expect(throws: StorageError.self) { try await log.read(from: 19, maxBytes: 100) }
        try await log.truncate(to: 37)
        #expect(await log.logEndOffset == 35)
        #expect(await log.segmentBaseOffsets == [15, 30])
        let next = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 1)
        #expect(next.baseOffset == 35)
        #expect(await log.leaderEpochs == [EpochEntry(epoch: 0, startOffset: 20), EpochEntry(epoch: 1, startOffset: 35)])
        #expect(await log.endOffset(forLeaderEpoch: 0) == (0, 35))
    }
}
