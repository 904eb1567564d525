import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct FaultTests {
    @Test func tornWriteIsCutOffByRecovery() async throws {
        let harness = LogHarness()
        let (log, _) = try harness.open()
        for _ in 0..<3 { _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
        try await log.flush()
        harness.fileSystem.tearNextWrite(keeping: 100)
        await #expect(throws: StorageError.self) { try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
        #expect(await log.logEndOffset == 15)
        harness.fileSystem.crash()
        let (recovered, report) = try harness.open(clean: false)
        #expect(report.truncatedBytes == 100)
        #expect(await recovered.logEndOffset == 15)
        #expect(try batchSummaries(try await recovered.read(from: 0, maxBytes: 1 << 20).records).map(\.base) == [0, 5, 10])
        #expect(try await recovered.append(batches: try makeBatch(count: 5), leaderEpoch: 0).baseOffset == 15)
    }

    @Test func diskFullFailsTheAppendLeavesNothingVisibleAndRecoversWhenSpaceIsFreed() async throws {
        let harness = LogHarness()
        let (log, _) = try harness.open()
        _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0)
        harness.fileSystem.capacity = harness.fileSystem.usedBytes + 300
        await #expect(throws: StorageError.noSpace(path: harness.directory + "/00000000000000000000.log")) {
            try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0)
        }
        #expect(await log.logEndOffset == 5)
        #expect(await log.sizeInBytes == 606)
        #expect(harness.fileSystem.contents(of: harness.directory + "/00000000000000000000.log")?.count == 606)
        #expect(try batchSummaries(try await log.read(from: 0, maxBytes: 1 << 20).records).map(\.base) == [0])
        harness.fileSystem.capacity = nil
        #expect(try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0).baseOffset == 5)
        // Nothing partial survives a restart either.
        try await log.close()
        let (reopened, report) = try harness.open(clean: false)
        #expect(report.truncatedBytes == 0)
        #expect(await reopened.logEndOffset == 10)
    }

    @Test func crashLosesWhatWasNotFsyncedAndKeepsWhatWas() async throws {
        let harness = LogHarness()
        let (log, _) = try harness.open()
        _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0)
        try await log.flush()
        _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0)
        harness.fileSystem.crash()
        let (recovered, _) = try harness.open(clean: false, recoveryPoint: 5)
        #expect(await recovered.logEndOffset == 5)
    }

    @Test func flushIntervalOfOneFsyncsBeforeAppendReturns() async throws {
        var harness = LogHarness()
        harness.config.flushIntervalMessages = 1
        let (log, _) = try harness.open()
        for _ in 0..<4 { _ = try await log.append(batches: try makeBatch(count: 2), leaderEpoch: 0) }
        #expect(await log.recoveryPoint == 8)
        harness.fileSystem.crash()
        let (recovered, _) = try harness.open(clean: false)
        #expect(await recovered.logEndOffset == 8)
    }
}
