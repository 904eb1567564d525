#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct RecoveryTests {
    /// A segment of real client batches (every codec) and small uncompressed ones, written by our log.
    func sourceSegment() async throws -> (bytes: [UInt8], ends: [(position: Int, nextOffset: Int64)], index: [UInt8]) {
        var harness = LogHarness()
        harness.config.indexIntervalBytes = 300
        let (log, _) = try harness.open()
        var ends: [(Int, Int64)] = []
        var position = 0
        for round in 0..<3 {
            for name in Fixtures.v2Names + ["kcat216_zstd"] {
                let batch = try Fixtures.batch(name)
                let result = try await log.append(batches: batch, leaderEpoch: Int32(round))
                position += batch.readableBytes
                ends.append((position, result.lastOffset + 1))
            }
        }
        try await log.close()
        let bytes = try #require(harness.fileSystem.contents(of: harness.directory + "/00000000000000000000.log"))
        let index = try #require(harness.fileSystem.contents(of: harness.directory + "/00000000000000000000.index"))
        return (bytes, ends, index)
    }

    @Test func randomTruncationsAndGarbageTailsRecoverToTheLastWholeValidBatch() async throws {
        let source = try await sourceSegment()
        var generator = SystemRandomNumberGenerator()
        for trial in 0..<100 {
            var bytes = source.bytes
            var keptEnd = source.bytes.count
            switch trial % 4 {
            case 0, 1:
                keptEnd = Int.random(in: 0...source.bytes.count, using: &generator)
                bytes = Array(bytes[..<keptEnd])
            case 2:
                bytes += (0..<Int.random(in: 1...5000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            default:
                // A zero-filled tail, as ext4 leaves after a crash, after a cut.
                keptEnd = Int.random(in: 0...source.bytes.count, using: &generator)
                bytes = Array(bytes[..<keptEnd]) + [UInt8](repeating: 0, count: Int.random(in: 1...3000, using: &generator))
            }
            let whole = source.ends.last { $0.position <= keptEnd }
            var harness = LogHarness()
            harness.config.indexIntervalBytes = 300
            try harness.fileSystem.createDirectory(harness.directory)
            harness.fileSystem.setContents(bytes, of: harness.directory + "/00000000000000000000.log")
            let (log, report) = try harness.open(clean: false)
            let expectedEnd = whole?.nextOffset ?? 0
            #expect(await log.logEndOffset == expectedEnd, "trial \(trial)")
            #expect(report.truncatedBytes == Int64(bytes.count - (whole?.position ?? 0)), "trial \(trial)")
            let read = try await log.read(from: 0, maxBytes: 1 << 24)
            #expect(read.records.readableBytesView.elementsEqual(source.bytes[..<(whole?.position ?? 0)]))
            // The rebuilt index is the prefix of the one written while appending.
            let rebuilt = try #require(harness.fileSystem.contents(of: harness.directory + "/00000000000000000000.index"))
            let entries = stride(from: 0, to: rebuilt.count, by: 8).prefix { rebuilt[$0..<$0 + 8].contains { $0 != 0 } }
            #expect(
                entries.allSatisfy { rebuilt[$0..<$0 + 8] == source.index[$0..<$0 + 8] },
                "trial \(trial): \(Array(rebuilt.prefix(32))) vs \(Array(source.index.prefix(32)))")
            let next = try await log.append(batches: try makeBatch(count: 2), leaderEpoch: 5)
            #expect(next.baseOffset == expectedEnd)
        }
    }

    @Test func cleanShutdownLoadsIndexesAndRebuildsCorruptOnes() async throws {
        var harness = LogHarness()
        harness.config.indexIntervalBytes = 300
        let (log, _) = try harness.open()
        for _ in 0..<20 { _ = try await log.append(batches: try makeBatch(count: 3), leaderEpoch: 0) }
        try await log.close()
        let indexPath = harness.directory + "/00000000000000000000.index"
        let good = try #require(harness.fileSystem.contents(of: indexPath))
        harness.fileSystem.setContents([0, 0, 0, 9, 0x7f, 0, 0, 0] + good, of: indexPath)
        let (reopened, report) = try harness.open(clean: true)
        #expect(report.recoveredSegments == 1)
        #expect(await reopened.logEndOffset == 60)
        try await reopened.close()
        #expect(harness.fileSystem.contents(of: indexPath) == good)
        try harness.fileSystem.removeFile(indexPath)
        let (third, _) = try harness.open(clean: true)
        #expect(await third.logEndOffset == 60)
        #expect(try await third.read(from: 31, maxBytes: 1).records.readableBytes > 0)
    }

    @Test func recoveryOnTheRealFileSystem() async throws {
        var template = Array("/tmp/kafka-storage-test-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        let directory = try #require(created)
        let fileSystem = PosixFileSystem()
        defer { try? fileSystem.removeDirectory(directory) }
        let partition = directory + "/t-0"
        func open(_ clean: Bool) throws -> PartitionLog {
            try PartitionLog.open(
                directory: partition, topicPartition: TopicPartition(topic: "t", partition: 0), topicID: .zero,
                fileSystem: fileSystem, config: LogConfig(indexIntervalBytes: 500), logger: Fixtures.quietLogger,
                hadCleanShutdown: clean
            ).log
        }
        let log = try open(true)
        for _ in 0..<10 { _ = try await log.append(batches: try makeBatch(count: 5), leaderEpoch: 0) }
        try await log.flush()
        let file = try fileSystem.openFile(partition + "/00000000000000000000.log", create: false)
        let size = try file.size()
        try file.truncate(to: size - 100)
        let recovered = try open(false)
        #expect(await recovered.logEndOffset == 45)
        #expect(try fileSystem.openFile(partition + "/00000000000000000000.log", create: false).size() == 9 * 606)
        let slice = try await recovered.readSlice(from: 0, maxBytes: 1 << 20)
        #expect(slice.slice?.file.fileDescriptor != nil && slice.slice?.length == 9 * 606)
    }
}
