import KafkaProtocol
import NIOCore
import Testing

/// Damaged blobs: a flipped bit, a cut tail, random bytes.
@Suite struct RecordBatchDamageTests {
    static func onlyBatch(_ blob: ByteBuffer) throws -> RecordBatch {
        let entries = try RecordBatchReader.entries(of: blob)
        guard entries.count == 1, case .batch(let batch) = entries[0] else {
            throw RecordBatchError.unsupportedMagic(entries.first?.magic ?? -1)
        }
        return batch
    }

    @Test(arguments: BatchFixture.v2)
    func aFlippedBitAnywhereInTheCRCRegionIsDetected(_ fixture: BatchFixture) throws {
        let original = try Self.onlyBatch(fixture.bytes)
        // Every byte from attributes to the end, with one bit flipped at a time.
        for index in 21..<original.sizeInBytes {
            var damaged = original.bytes
            let byte = damaged.getInteger(at: index, as: UInt8.self) ?? 0
            damaged.setInteger(byte ^ UInt8(1 << (index % 8)), at: index)
            // Some flips make the header invalid (codec id 5-7, negative count); that is detected too.
            guard let batch = try? RecordBatch(bytes: damaged) else { continue }
            #expect(!batch.crcIsValid, "flip at byte \(index)")
            #expect(throws: RecordBatchError.self) { try batch.verifyCRC() }
        }
        // A damaged stored CRC is detected as well.
        var damaged = original.bytes
        damaged.setInteger(original.header.crc ^ 0x8000_0000, at: 17)
        #expect(try !RecordBatch(bytes: damaged).crcIsValid)
    }

    @Test(arguments: BatchFixture.all)
    func aCutTailIsReportedNotThrown(_ fixture: BatchFixture) throws {
        // Two copies, so that the first entries stay whole while the last is cut.
        var blob = fixture.bytes
        blob.writeImmutableBuffer(fixture.bytes)
        let whole = try RecordBatchReader.entries(of: fixture.bytes)
        var boundaries: Set<Int> = [0]
        var end = 0
        for entry in whole + whole {
            end += entry.bytes.readableBytes
            boundaries.insert(end)
        }
        for length in (fixture.bytes.readableBytes + 1)..<blob.readableBytes {
            let truncated = blob.getSlice(at: 0, length: length) ?? ByteBuffer()
            var reader = RecordBatchReader(truncated)
            var entries = 0
            while try reader.next() != nil { entries += 1 }
            #expect(entries >= whole.count, "length \(length)")
            if boundaries.contains(length) {
                // A cut between entries is a shorter blob, not a damaged one.
                #expect(reader.truncatedTail == nil)
                continue
            }
            let tail = try #require(reader.truncatedTail, "length \(length)")
            #expect(reader.position == length)
            #expect(tail.readableBytes > 0 && tail.readableBytes < fixture.bytes.readableBytes)
            #expect(throws: KafkaProtocolError.self) { try RecordBatchReader.entries(of: truncated) }
        }
    }

    @Test func anEmptyBlobHasNoEntriesAndNoTail() throws {
        var reader = RecordBatchReader(ByteBuffer())
        #expect(try reader.next() == nil)
        #expect(reader.truncatedTail == nil)
    }

    @Test func impossibleSizesAndMagicsThrow() throws {
        var blob = ByteBuffer()
        blob.writeInteger(Int64(0))
        blob.writeInteger(Int32(5))  // smaller than any message
        blob.writeRepeatingByte(0, count: 20)
        #expect(throws: RecordBatchError.self) { try RecordBatchReader.entries(of: blob) }

        var badMagic = ByteBuffer()
        badMagic.writeInteger(Int64(0))
        badMagic.writeInteger(Int32(60))
        badMagic.writeInteger(Int32(0))
        badMagic.writeInteger(Int8(3))
        badMagic.writeRepeatingByte(0, count: 59)
        #expect(throws: RecordBatchError.unsupportedMagic(3)) { try RecordBatchReader.entries(of: badMagic) }
    }

    /// Random bytes and randomly mutated fixtures must only ever throw, never trap or allocate wildly.
    @Test func randomInputNeverCrashes() throws {
        var generator = SplitMix64(state: 0x5EED)
        let seeds = BatchFixture.all.map(\.bytes)
        for round in 0..<3000 {
            var input: ByteBuffer
            if round % 3 == 0 || seeds.isEmpty {
                let count = Int(generator.next() % 300)
                input = ByteBuffer(bytes: (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            } else {
                input = seeds[Int(generator.next() % UInt64(seeds.count))]
                for _ in 0..<(1 + generator.next() % 4) {
                    let index = Int(generator.next() % UInt64(input.readableBytes))
                    input.setInteger(UInt8(truncatingIfNeeded: generator.next()), at: index)
                }
                if generator.next() % 4 == 0 {
                    input.moveWriterIndex(to: Int(generator.next() % UInt64(input.readableBytes)))
                }
            }
            Self.exercise(input)
        }
    }

    /// Decodes everything decodable in `input`, ignoring errors.
    static func exercise(_ input: ByteBuffer) {
        var reader = RecordBatchReader(input)
        while let entry = try? reader.next() {
            guard case .batch(let batch) = entry else { continue }
            _ = batch.crcIsValid
            guard var records = try? batch.records() else { continue }
            while let record = try? records.next() {
                for header in record.headers { _ = header.keyString }
            }
        }
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
