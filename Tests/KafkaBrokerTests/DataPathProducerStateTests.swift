import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

@Suite struct DataPathProducerStateTests {
    @Test func acceptsInSequenceAndFlagsDuplicatesOfTheLastFive() throws {
        var state = PartitionProducerState()
        var offset: Int64 = 0
        for sequence in stride(from: Int32(0), to: 21, by: 3) {
            let batch = try header(of: dataPathBatch(count: 3, producerId: 7, epoch: 0, sequence: sequence))
            #expect(state.check(batch) == .accept)
            state.record(batch, firstOffset: offset)
            offset += 3
        }
        // Sequences 6..<21 are the last five batches; 3 is older and no longer recognised.
        let retry = try header(of: dataPathBatch(count: 3, producerId: 7, epoch: 0, sequence: 9))
        guard case .duplicate(let original) = state.check(retry) else {
            Issue.record("expected a duplicate")
            return
        }
        #expect(original.firstOffset == 9)
        let tooOld = try header(of: dataPathBatch(count: 3, producerId: 7, epoch: 0, sequence: 3))
        guard case .reject(let code, _) = state.check(tooOld) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(code == .outOfOrderSequenceNumber)
    }

    @Test func gapOldEpochAndEpochBump() throws {
        var state = PartitionProducerState()
        let first = try header(of: dataPathBatch(count: 2, producerId: 1, epoch: 3, sequence: 0))
        state.record(first, firstOffset: 0)
        let gap = try header(of: dataPathBatch(count: 1, producerId: 1, epoch: 3, sequence: 5))
        #expect(codeOf(state.check(gap)) == .outOfOrderSequenceNumber)
        let old = try header(of: dataPathBatch(count: 1, producerId: 1, epoch: 2, sequence: 2))
        #expect(codeOf(state.check(old)) == .invalidProducerEpoch)
        let bumpedBadSequence = try header(of: dataPathBatch(count: 1, producerId: 1, epoch: 4, sequence: 2))
        #expect(codeOf(state.check(bumpedBadSequence)) == .outOfOrderSequenceNumber)
        let bumped = try header(of: dataPathBatch(count: 1, producerId: 1, epoch: 4, sequence: 0))
        #expect(state.check(bumped) == .accept)
        state.record(bumped, firstOffset: 2)
        #expect(state.entry(for: 1)?.epoch == 4)
        #expect(state.entry(for: 1)?.batches.count == 1)
    }

    @Test func unknownProducerMayStartAnywhereAndSequencesWrap() throws {
        let state = PartitionProducerState()
        let late = try header(of: dataPathBatch(count: 1, producerId: 9, epoch: 0, sequence: 500))
        #expect(state.check(late) == .accept)
        #expect(PartitionProducerState.follows(Int32.max, 0))
        #expect(!PartitionProducerState.follows(Int32.max, 1))
    }

    @Test func producerIdsIncreaseAndPassObservedOnes() {
        let allocator = ProducerIdAllocator(now: 1000)
        #expect(allocator.allocate() == 1_024_000)
        #expect(allocator.allocate() == 1_024_001)
        allocator.observe(5_000_000)
        #expect(allocator.allocate() == 5_000_001)
    }

    private func codeOf(_ check: SequenceCheck) -> ErrorCode? {
        if case .reject(let code, _) = check { return code }
        return nil
    }
}

@Suite struct DataPathValidationTests {
    @Test func acceptsOneGoodBatch() throws {
        let batch = try dataPathBatch()
        let header = try ProducedRecordsValidator.validate(batch, version: 9, maxMessageBytes: 1 << 20)
        #expect(header.recordCount == 3)
    }

    @Test func rejectsWithKafkasCodes() throws {
        #expect(code(nil) == .invalidRecord)
        #expect(code(ByteBuffer()) == .invalidRecord)
        var two = try dataPathBatch()
        var second = try dataPathBatch()
        two.writeBuffer(&second)
        #expect(code(two) == .invalidRecord)
        var corrupt = try dataPathBatch()
        let last = corrupt.writerIndex - 1
        corrupt.setInteger(corrupt.getInteger(at: last, as: UInt8.self).map { $0 ^ 0xFF } ?? 0, at: last)
        #expect(code(corrupt) == .corruptMessage)
        #expect(code(try dataPathBatch(valueSize: 2000), maxMessageBytes: 1000) == .messageTooLarge)
        var legacy = ByteBuffer()
        LegacyMessageFixture.write(into: &legacy)
        #expect(code(legacy) == .invalidRecord)
        #expect(code(try dataPathBatch(codec: .zstd), version: 6) == .unsupportedCompressionType)
        var truncated = try dataPathBatch()
        truncated.moveWriterIndex(to: truncated.writerIndex - 5)
        #expect(code(truncated) == .corruptMessage)
    }

    private func code(_ records: ByteBuffer?, version: Int16 = 9, maxMessageBytes: Int = 1 << 20) -> ErrorCode? {
        do {
            _ = try ProducedRecordsValidator.validate(records, version: version, maxMessageBytes: maxMessageBytes)
            return nil
        } catch {
            return error.code
        }
    }
}

/// A magic-1 message, as a pre-0.11 producer sends: offset, size, crc, magic 1, attributes, timestamp, key, value.
enum LegacyMessageFixture {
    static func write(into buffer: inout ByteBuffer) {
        buffer.writeInteger(Int64(0))
        buffer.writeInteger(Int32(4 + 1 + 1 + 8 + 4 + 4 + 1))
        buffer.writeInteger(UInt32(0))
        buffer.writeInteger(Int8(1))
        buffer.writeInteger(Int8(0))
        buffer.writeInteger(Int64(0))
        buffer.writeInteger(Int32(-1))
        buffer.writeInteger(Int32(1))
        buffer.writeInteger(UInt8(0x61))
    }
}
