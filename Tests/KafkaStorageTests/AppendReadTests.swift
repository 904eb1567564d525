import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct AppendReadTests {
    @Test func realClientBatchesRoundTripWithContiguousOffsets() async throws {
        let (log, _) = try LogHarness().open()
        var expected: [(Int64, Int64, ByteBuffer)] = []
        var next: Int64 = 0
        for name in Fixtures.v2Names {
            let batch = try Fixtures.batch(name)
            let header = try RecordBatchHeader(parsing: batch, at: batch.readerIndex)
            let result = try await log.append(batches: batch, leaderEpoch: 3)
            #expect(result.baseOffset == next, "\(name)")
            #expect(result.lastOffset == next + Int64(header.lastOffsetDelta))
            #expect(result.logAppendTime == -1)
            expected.append((next, result.lastOffset, batch))
            next = result.lastOffset + 1
        }
        #expect(await log.logEndOffset == next)
        #expect(await log.highWatermark == next)

        let all = try await log.read(from: 0, maxBytes: 1 << 20)
        let summaries = try batchSummaries(all.records)
        #expect(summaries.count == expected.count)
        for (summary, (base, last, original)) in zip(summaries, expected) {
            #expect(summary.base == base && summary.last == last && summary.valid)
            _ = original
        }
        // The bytes are the client's, except base offset and leader epoch.
        var reader = RecordBatchReader(all.records)
        for (_, _, original) in expected {
            guard case .batch(let stored) = try reader.next() else { Issue.record("missing batch"); return }
            #expect(stored.header.partitionLeaderEpoch == 3)
            let tail = 17  // the CRC and everything after it
            #expect(
                stored.bytes.getSlice(at: stored.bytes.readerIndex + tail, length: stored.sizeInBytes - tail)
                    == original.getSlice(at: original.readerIndex + tail, length: original.readableBytes - tail))
        }
        #expect(await log.leaderEpochs == [EpochEntry(epoch: 3, startOffset: 0)])
    }

    @Test func readStartsAtTheBatchHoldingTheOffsetAndReturnsWholeBatches() async throws {
        let (log, _) = try LogHarness().open()
        for _ in 0..<10 { _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
        let middle = try await log.read(from: 12, maxBytes: 1)
        let summaries = try batchSummaries(middle.records)
        #expect(summaries.map(\.base) == [10])  // one whole batch although maxBytes is 1
        let batchSize = middle.records.readableBytes
        let three = try await log.read(from: 10, maxBytes: batchSize * 3 + batchSize / 2)
        let bases = try batchSummaries(three.records).map(\.base)
        #expect(bases == [10, 15, 20], "\(batchSize) \(three.records.readableBytes)")
        let none = try await log.read(from: 10, maxBytes: 1, minOneBatch: false)
        #expect(none.records.readableBytes == 0)
        let end = try await log.read(from: 50, maxBytes: 1000)
        #expect(end.records.readableBytes == 0 && end.highWatermark == 50)
        await #expect(throws: StorageError.self) { try await log.read(from: 51, maxBytes: 10) }
        let slice = try await log.readSlice(from: 12, maxBytes: 1)
        #expect(try slice.slice?.read() == middle.records)
    }

    @Test func rejectsCorruptAndPartialBatchesWithoutWritingAnything() async throws {
        let (log, _) = try LogHarness().open()
        var corrupt = try makeBatch(count: 3)
        corrupt.setInteger(UInt8(0xFF), at: corrupt.writerIndex - 1)
        await #expect(throws: StorageError.self) { try await log.append(batches: corrupt, leaderEpoch: 0) }
        var partial = try makeBatch(count: 3)
        partial.moveWriterIndex(to: partial.writerIndex - 5)
        await #expect(throws: StorageError.self) { try await log.append(batches: partial, leaderEpoch: 0) }
        let legacy = try Fixtures.batch("kafkapython_none_magic1")
        await #expect(throws: StorageError.self) { try await log.append(batches: legacy, leaderEpoch: 0) }
        #expect(await log.logEndOffset == 0)
        #expect(await log.sizeInBytes == 0)
    }

    @Test func logAppendTimeStampsTheBatch() async throws {
        var harness = LogHarness()
        harness.config.timestampType = .logAppendTime
        let (log, _) = try harness.open()
        let result = try await log.append(batches: try makeBatch(count: 2), leaderEpoch: 0, now: 1_800_000_000_000)
        #expect(result.logAppendTime == 1_800_000_000_000)
        let read = try await log.read(from: 0, maxBytes: 1000)
        let header = try RecordBatchHeader(parsing: read.records, at: read.records.readerIndex)
        #expect(header.maxTimestamp == 1_800_000_000_000 && header.timestampType == .logAppendTime)
        #expect(try batchSummaries(read.records).allSatisfy(\.valid))
    }

    @Test func offsetForTimestampFindsTheFirstRecordAtOrAfter() async throws {
        var harness = LogHarness()
        harness.config.indexIntervalBytes = 100
        let (log, _) = try harness.open()
        for index in 0..<20 {
            _ = try await log.append(batches: try makeBatch(count: 5, timestamp: 1000 + Int64(index) * 10), leaderEpoch: 0)
        }
        // Batch i holds offsets 5i...5i+4 stamped 1000+10i ... 1000+10i+4.
        #expect(try await log.offsetForTimestamp(1072) == TimestampOffset(timestamp: 1072, offset: 37))
        #expect(try await log.offsetForTimestamp(1076) == TimestampOffset(timestamp: 1080, offset: 40))
        #expect(try await log.offsetForTimestamp(0) == TimestampOffset(timestamp: 1000, offset: 0))
        #expect(try await log.offsetForTimestamp(5000) == nil)
        #expect(await log.maxTimestampAndOffset() == TimestampOffset(timestamp: 1194, offset: 99))
    }
}
