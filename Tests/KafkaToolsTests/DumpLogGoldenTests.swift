import Foundation
import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// Whole-output comparisons of `kafka-dump-log` on segments made of real clients' batches; the expected lines
/// follow cli-reference §6.2 with the values from each fixture's JSON.
@Suite struct DumpLogGoldenTests {
    /// stdout and stderr of one run, and whether it succeeded.
    struct Transcript {
        var out = ""
        var err = ""
        var ok = false
    }

    final class Sink {
        var out = ""
        var err = ""
    }

    static func dump(_ paths: [String], _ format: DumpLogFormat = DumpLogFormat(), maxBytes: Int? = nil) -> Transcript {
        let sink = Sink()
        // A tiny chunk size so that the chunking itself is exercised.
        let output = DumpOutput(chunkSize: 100, out: { sink.out += String(decoding: $0, as: UTF8.self) }, error: { sink.err += $0 })
        let runner = DumpLogRunner(format: format, maxBytes: maxBytes ?? LogSegmentDumper.defaultMaxBytes)
        let ok = runner.run(paths: paths, output: output)
        return Transcript(out: sink.out, err: sink.err, ok: ok)
    }

    /// Record 3 of every fixture has a long value: its prefix and 40 × "abcdefgh".
    static func long(_ prefix: String) -> String { prefix + String(repeating: "abcdefgh", count: 40) }

    static let commit = EndTransactionMarker(type: .commit, coordinatorEpoch: 7)

    static func commitBatch() throws -> RecordBatch {
        try commit.batch(producerId: 2, producerEpoch: 0, timestamp: 1_795_634_099_200, partitionLeaderEpoch: 0)
    }

    @Test func deepIterationWithDataOverCodecsTransactionsAndLegacy() throws {
        let directory = try TemporaryDirectory()
        let control = try Self.commitBatch()
        let entries = try ["kcat216_zstd", "confluent_none_idempotent", "confluent_none_transactional"].map(
            SegmentFixtures.batch) + [control.bytes, try SegmentFixtures.batch("kafkapython_gzip_magic1")]
        let path = try directory.write("00000000000000000000.log", SegmentFixtures.segment(entries))
        let result = Self.dump([path], DumpLogFormat(printData: true))
        let legacyPosition = 1320 + control.sizeInBytes
        let expected = """
            Dumping \(path)
            Log starting offset: 0
            baseOffset: 0 lastOffset: 4 count: 5 baseSequence: -1 lastSequence: -1 producerId: -1 producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 0 CreateTime: 1795634084572 size: 172 magic: 2 compresscodec: zstd crc: 1979901065 isvalid: true
            | offset: 0 CreateTime: 1795634084572 keySize: 2 valueSize: 17 sequence: -1 headerKeys: [a,b] key: k1 payload: kcat-zstd-value-1
            | offset: 1 CreateTime: 1795634084572 keySize: 2 valueSize: 17 sequence: -1 headerKeys: [a,b] key: k2 payload: kcat-zstd-value-2
            | offset: 2 CreateTime: 1795634084572 keySize: 2 valueSize: 338 sequence: -1 headerKeys: [a,b] key: k3 payload: \(Self.long("kcat-zstd-value-3-"))
            | offset: 3 CreateTime: 1795634084572 keySize: 2 valueSize: 17 sequence: -1 headerKeys: [a,b] key: k4 payload: kcat-zstd-value-4
            | offset: 4 CreateTime: 1795634084572 keySize: 2 valueSize: 17 sequence: -1 headerKeys: [a,b] key: k5 payload: kcat-zstd-value-5
            baseOffset: 5 lastOffset: 9 count: 5 baseSequence: 0 lastSequence: 4 producerId: 1 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: 172 CreateTime: 1795634095050 size: 604 magic: 2 compresscodec: none crc: 1323623727 isvalid: true
            | offset: 5 CreateTime: 1795634095050 keySize: 2 valueSize: 26 sequence: 0 headerKeys: [a,b] key: k1 payload: ck-none-idempotent-value-1
            | offset: 6 CreateTime: 1795634095050 keySize: 2 valueSize: 26 sequence: 1 headerKeys: [a,b] key: k2 payload: ck-none-idempotent-value-2
            | offset: 7 CreateTime: 1795634095050 keySize: 2 valueSize: 347 sequence: 2 headerKeys: [a,b] key: k3 payload: \(Self.long("ck-none-idempotent-value-3-"))
            | offset: 8 CreateTime: 1795634095050 keySize: 2 valueSize: 26 sequence: 3 headerKeys: [a,b] key: k4 payload: ck-none-idempotent-value-4
            | offset: 9 CreateTime: 1795634095050 keySize: 2 valueSize: 26 sequence: 4 headerKeys: [a,b] key: k5 payload: ck-none-idempotent-value-5
            baseOffset: 10 lastOffset: 14 count: 5 baseSequence: 0 lastSequence: 4 producerId: 2 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: true isControl: false deleteHorizonMs: OptionalLong.empty position: 776 CreateTime: 1795634099185 size: 544 magic: 2 compresscodec: none crc: 3907949524 isvalid: true
            | offset: 10 CreateTime: 1795634099185 keySize: 2 valueSize: 14 sequence: 0 headerKeys: [a,b] key: k1 payload: ck-txn-value-1
            | offset: 11 CreateTime: 1795634099185 keySize: 2 valueSize: 14 sequence: 1 headerKeys: [a,b] key: k2 payload: ck-txn-value-2
            | offset: 12 CreateTime: 1795634099185 keySize: 2 valueSize: 335 sequence: 2 headerKeys: [a,b] key: k3 payload: \(Self.long("ck-txn-value-3-"))
            | offset: 13 CreateTime: 1795634099185 keySize: 2 valueSize: 14 sequence: 3 headerKeys: [a,b] key: k4 payload: ck-txn-value-4
            | offset: 14 CreateTime: 1795634099185 keySize: 2 valueSize: 14 sequence: 4 headerKeys: [a,b] key: k5 payload: ck-txn-value-5
            baseOffset: 15 lastOffset: 15 count: 1 baseSequence: -1 lastSequence: -1 producerId: 2 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: true isControl: true deleteHorizonMs: OptionalLong.empty position: 1320 CreateTime: 1795634099200 size: \(control.sizeInBytes) magic: 2 compresscodec: none crc: \(control.header.crc) isvalid: true
            | offset: 15 CreateTime: 1795634099200 keySize: 4 valueSize: 6 sequence: -1 headerKeys: [] endTxnMarker: COMMIT coordinatorEpoch: 7
            offset: 20 position: \(legacyPosition) CreateTime: 0 size: 181 magic: 1 compresscodec: gzip crc: 3826535496 isvalid: true
            | offset: 16 CreateTime: 1795634090807 keySize: 2 valueSize: 22 isValid: true crc: 2609612715 key: k1 payload: kp-gzip-magic1-value-1
            | offset: 17 CreateTime: 1795634090807 keySize: 2 valueSize: 22 isValid: true crc: 2971073490 key: k2 payload: kp-gzip-magic1-value-2
            | offset: 18 CreateTime: 1795634090807 keySize: 2 valueSize: 343 isValid: true crc: 3705613366 key: k3 payload: \(Self.long("kp-gzip-magic1-value-3-"))
            | offset: 19 CreateTime: 1795634090807 keySize: 2 valueSize: 22 isValid: true crc: 3828089632 key: k4 payload: kp-gzip-magic1-value-4
            | offset: 20 CreateTime: 1795634090807 keySize: 2 valueSize: 22 isValid: true crc: 4255590647 key: k5 payload: kp-gzip-magic1-value-5

            """
        #expect(result.out == expected)
        #expect(result.err == "")
        #expect(result.ok)
    }

    @Test func batchLinesForEveryCodecStartingAtTheFileNamesOffset() throws {
        let directory = try TemporaryDirectory()
        let names = ["confluent_none", "confluent_gzip", "confluent_snappy", "kcat216_lz4", "kcat216_zstd"]
        let path = try directory.write(
            "00000000000000000100.log", SegmentFixtures.segment(names, firstOffset: 100))
        let result = Self.dump([path])
        func line(_ base: Int, _ position: Int, _ time: Int64, _ size: Int, _ codec: String, _ crc: UInt32) -> String {
            "baseOffset: \(base) lastOffset: \(base + 4) count: 5 baseSequence: -1 lastSequence: -1 producerId: -1"
                + " producerEpoch: -1 partitionLeaderEpoch: 0 isTransactional: false isControl: false"
                + " deleteHorizonMs: OptionalLong.empty position: \(position) CreateTime: \(time) size: \(size)"
                + " magic: 2 compresscodec: \(codec) crc: \(crc) isvalid: true\n"
        }
        let expected = "Dumping \(path)\nLog starting offset: 100\n"
            + line(100, 0, 1_795_634_095_021, 579, "none", 284_532_355)
            + line(105, 579, 1_795_634_095_027, 187, "gzip", 680_457_700)
            + line(110, 766, 1_795_634_095_033, 203, "snappy", 2_170_905_126)
            + line(115, 969, 1_795_634_084_461, 187, "lz4", 962_781_133)
            + line(120, 1156, 1_795_634_084_572, 172, "zstd", 1_979_901_065)
        #expect(result.out == expected)
        #expect(result.ok)
    }

    @Test func skipRecordMetadataPrintsOnlyDataAndAnEmptyLineForControlRecords() throws {
        let directory = try TemporaryDirectory()
        let entries = [try SegmentFixtures.batch("kcat216_none"), try Self.commitBatch().bytes]
        let path = try directory.write("00000000000000000000.log", SegmentFixtures.segment(entries))
        let result = Self.dump([path], DumpLogFormat(printData: true, skipRecordMetadata: true))
        let records = result.out.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("|") }
        #expect(records.count == 5)
        #expect(records.first == "| key: k1 payload: kcat-none-value-1")
        #expect(result.out.hasSuffix("isvalid: true\n\n"))
    }

    @Test func aFlippedByteMakesThatBatchInvalidAndTheRestIsStillDumped() throws {
        let directory = try TemporaryDirectory()
        var segment = try SegmentFixtures.segment(["confluent_none_idempotent", "confluent_none_transactional"])
        // The last byte of the first batch is the value of its last record's header "b" ("x5"): the records still
        // decode, only the CRC says the batch is damaged.
        let index = segment.readerIndex + 603
        segment.setInteger((segment.getInteger(at: index, as: UInt8.self) ?? 0) ^ 1, at: index)
        let path = try directory.write("00000000000000000000.log", segment)
        let result = Self.dump([path], DumpLogFormat(deepIteration: true))
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + 2 * 6)
        #expect(lines[2].hasPrefix("baseOffset: 0 lastOffset: 4 "))
        #expect(lines[2].hasSuffix("crc: 1323623727 isvalid: false"))
        #expect(lines[8].hasPrefix("baseOffset: 5 lastOffset: 9 "))
        #expect(lines[8].hasSuffix("crc: 3907949524 isvalid: true"))
        #expect(lines[13].hasPrefix("| offset: 9 CreateTime: 1795634099185 keySize: 2 valueSize: 14 sequence: 4"))
        #expect(result.ok)
    }

    @Test func aTornTailIsReportedUnlessMaxBytesIsGiven() throws {
        let directory = try TemporaryDirectory()
        let whole = try SegmentFixtures.segment(["confluent_none_idempotent", "confluent_none_transactional"])
        let torn = whole.getSlice(at: whole.readerIndex, length: whole.readableBytes - 100) ?? ByteBuffer()
        let path = try directory.write("00000000000000000000.log", torn)
        let result = Self.dump([path])
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("baseOffset: 0 lastOffset: 4 "))
        #expect(lines[3] == "Found 444 invalid bytes at the end of 00000000000000000000.log")

        // --max-bytes stops inside the second batch: Apache says nothing about what it did not read.
        let limited = Self.dump([path], maxBytes: 700)
        #expect(limited.out.split(separator: "\n").count == 3)
        #expect(limited.ok)
    }

    @Test func nonConsecutiveOffsetsAreReportedOnStderrAfterAllFiles() throws {
        let directory = try TemporaryDirectory()
        var segment = try SegmentFixtures.segment(["kcat216_none"])
        var later = try SegmentFixtures.segment(["confluent_none"], firstOffset: 10)
        segment.writeBuffer(&later)
        let gapped = try directory.write("00000000000000000000.log", segment)
        let contiguous = try directory.write(
            "00000000000000000005.log", SegmentFixtures.segment(["kcat216_none"], firstOffset: 5))
        let result = Self.dump([gapped, contiguous], DumpLogFormat(deepIteration: true))
        #expect(result.err == "Non-consecutive offsets in \(gapped)\n  4 is followed by 10\n")
        #expect(result.out.hasSuffix("| offset: 9 CreateTime: 1795634084128 keySize: 2 valueSize: 17 sequence: -1 headerKeys: [a,b]\n"))
        #expect(result.ok)
        // Shallow iteration does not look at records, as in Apache.
        #expect(Self.dump([gapped]).err == "")
    }

    @Test func indexesAndTimeIndexes() throws {
        let directory = try TemporaryDirectory()
        var index = ByteBuffer()
        for (relative, position) in [(0, 0), (7, 4120), (12, 8300)] as [(Int32, Int32)] {
            index.writeInteger(relative)
            index.writeInteger(position)
        }
        // A preallocated index that was never trimmed: zeros after the real entries.
        index.writeRepeatingByte(0, count: 8 * 4)
        var timeIndex = ByteBuffer()
        for (timestamp, relative) in [(1_700_000_000_123, 7), (1_700_000_000_456, 12)] as [(Int64, Int32)] {
            timeIndex.writeInteger(timestamp)
            timeIndex.writeInteger(relative)
        }
        let indexPath = try directory.write("00000000000000000035.index", index)
        let timePath = try directory.write("00000000000000000035.timeindex", timeIndex)
        let emptyPath = try directory.write("00000000000000000099.index", ByteBuffer())
        let result = Self.dump([indexPath, timePath, emptyPath])
        #expect(
            result.out == """
                Dumping \(indexPath)
                offset: 35 position: 0
                offset: 42 position: 4120
                offset: 47 position: 8300
                Dumping \(timePath)
                timestamp: 1700000000123 offset: 42
                timestamp: 1700000000456 offset: 47
                Dumping \(emptyPath)
                \(emptyPath) is empty.

                """)
        #expect(result.ok)
    }

    @Test func unreadableFilesAreOneErrorLineEachAndTheOthersAreStillDumped() throws {
        let directory = try TemporaryDirectory()
        let log = try directory.write("00000000000000000000.log", SegmentFixtures.segment(["kcat216_none"]))
        let missing = directory.url.appendingPathComponent("00000000000000000005.log").path
        let folder = directory.url.appendingPathComponent("00000000000000000007.log").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let other = try directory.write("notes.txt", ByteBuffer(string: "hello"))
        let result = Self.dump([missing, folder, other, log])
        #expect(
            result.err == """
                Error: could not read \(missing): No such file or directory
                Error: \(folder) is a directory
                Ignoring unknown file \(other)

                """)
        #expect(result.out.hasPrefix("Dumping \(missing)\nDumping \(folder)\nDumping \(other)\nDumping \(log)\n"))
        #expect(result.out.contains("baseOffset: 0 lastOffset: 4 count: 5"))
        #expect(!result.ok)
    }
}
