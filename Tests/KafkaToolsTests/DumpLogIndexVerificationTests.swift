import Foundation
import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// Index entries checked against the `.log` next to them, as Apache's tool does while dumping, and
/// `--verify-index-only` / `--index-sanity-check`.
@Suite struct DumpLogIndexVerificationTests {
    private func run(_ paths: [String], verifyOnly: Bool = false, sanity: Bool = false) -> DumpLogGoldenTests.Transcript {
        let sink = DumpLogGoldenTests.Sink()
        let output = DumpOutput(out: { sink.out += String(decoding: $0, as: UTF8.self) }, error: { sink.err += $0 })
        let runner = DumpLogRunner(
            format: DumpLogFormat(), maxBytes: LogSegmentDumper.defaultMaxBytes, verifyIndexOnly: verifyOnly,
            indexSanityCheck: sanity)
        let ok = runner.run(paths: paths, output: output)
        return DumpLogGoldenTests.Transcript(out: sink.out, err: sink.err, ok: ok)
    }

    @Test func mismatchesAreReportedAfterAllFiles() throws {
        let directory = try TemporaryDirectory()
        let segment = try SegmentFixtures.segment(["kcat216_none", "confluent_none"])
        let entries = try RecordBatchReader.entries(of: segment)
        guard entries.count == 2, case .batch(let first) = entries[0], case .batch(let second) = entries[1] else {
            Issue.record("the fixture should be two v2 batches")
            return
        }
        let secondPosition = first.sizeInBytes
        _ = try directory.write("00000000000000000000.log", segment)
        var index = ByteBuffer()
        // Right: offset 4 is the first batch's last offset. Wrong: the batch at the second position ends at 9.
        for (relative, position) in [(4, 0), (8, Int32(secondPosition))] as [(Int32, Int32)] {
            index.writeInteger(relative)
            index.writeInteger(position)
        }
        var timeIndex = ByteBuffer()
        for (timestamp, relative) in [(first.header.maxTimestamp, 4), (123, 9)] as [(Int64, Int32)] {
            timeIndex.writeInteger(timestamp)
            timeIndex.writeInteger(relative)
        }
        let indexPath = try directory.write("00000000000000000000.index", index)
        let timePath = try directory.write("00000000000000000000.timeindex", timeIndex)

        let full = run([indexPath, timePath])
        #expect(full.out.contains("offset: 8 position: \(secondPosition)\n"))
        let expectedErrors = """
            Mismatches in :\(indexPath)
              Index offset: 8, log offset: 9
            Found timestamp mismatch in :\(timePath)
              Index timestamp: 123, log timestamp: \(second.header.maxTimestamp)
            Found out of order timestamp in :\(timePath)
              Index timestamp: 123, Previously indexed timestamp: \(first.header.maxTimestamp)

            """
        #expect(full.err == expectedErrors)

        let verifyOnly = run([indexPath, timePath], verifyOnly: true)
        #expect(verifyOnly.out == "Dumping \(indexPath)\nDumping \(timePath)\n")
        #expect(verifyOnly.err == expectedErrors)
    }

    @Test func sanityCheck() throws {
        let directory = try TemporaryDirectory()
        var index = ByteBuffer()
        index.writeInteger(Int32(3))
        index.writeInteger(Int32(0))
        let good = try directory.write("00000000000000000010.index", index)
        index.writeInteger(UInt8(1))
        let torn = try directory.write("00000000000000000020.index", index)
        let result = run([good, torn], sanity: true)
        #expect(result.out == "Dumping \(good)\n\(good) passed sanity check.\nDumping \(torn)\n")
        #expect(result.err == "Error: Index file 00000000000000000020.index is corrupt, found 9 bytes which is neither positive nor a multiple of 8.\n")
        #expect(!result.ok)
    }
}
