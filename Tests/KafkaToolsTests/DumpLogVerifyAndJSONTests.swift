import Foundation
import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaTools

/// `--verify` and `--output json`, our additions to kafka-dump-log, on segments of real clients' batches.
@Suite struct DumpLogVerifyAndJSONTests {
    private func run(_ paths: [String], _ format: DumpLogFormat = DumpLogFormat(), verify: Bool) -> DumpLogGoldenTests.Transcript {
        let sink = DumpLogGoldenTests.Sink()
        let output = DumpOutput(chunkSize: 100, out: { sink.out += String(decoding: $0, as: UTF8.self) }, error: { sink.err += $0 })
        let runner = DumpLogRunner(format: format, maxBytes: LogSegmentDumper.defaultMaxBytes, verify: verify)
        let ok = runner.run(paths: paths, output: output)
        return DumpLogGoldenTests.Transcript(out: sink.out, err: sink.err, ok: ok)
    }

    @Test func verifySumsUpAGoodSegmentInOneLine() throws {
        let directory = try TemporaryDirectory()
        let segment = try SegmentFixtures.segment(["confluent_none_idempotent", "kcat216_zstd", "kcat216_lz4"])
        let path = try directory.write("00000000000000000000.log", segment)
        let result = run([path], verify: true)
        #expect(result.out == "Dumping \(path)\nVerified \(path): batches: 3 records: 15 bytes: \(segment.readableBytes) invalid batches: 0 offset regressions: 0 invalid trailing bytes: 0 codecs: lz4,none,zstd result: OK\n")
        #expect(result.err == "")
        #expect(result.ok)
    }

    @Test func verifyFailsOnAFlippedByteAndATornTail() throws {
        let directory = try TemporaryDirectory()
        var segment = try SegmentFixtures.segment(["confluent_none_idempotent", "confluent_none_transactional"])
        let index = segment.readerIndex + 603
        segment.setInteger((segment.getInteger(at: index, as: UInt8.self) ?? 0) ^ 1, at: index)
        let torn = segment.getSlice(at: segment.readerIndex, length: segment.readableBytes - 100) ?? ByteBuffer()
        let path = try directory.write("00000000000000000000.log", torn)
        let result = run([path], verify: true)
        #expect(result.err == "Invalid batch at position 0 (offsets 0...4): CRC mismatch\nFound 444 invalid bytes at position 604\n")
        #expect(result.out.hasSuffix("invalid batches: 1 offset regressions: 0 invalid trailing bytes: 444 codecs: none result: INVALID\n"))
        #expect(!result.ok)
    }

    @Test func jsonHasOneObjectPerFileBatchRecordAndIndexEntry() throws {
        let directory = try TemporaryDirectory()
        let segment = try SegmentFixtures.segment(["kcat216_none"])
        let path = try directory.write("00000000000000000000.log", segment)
        let result = run([path], DumpLogFormat(printData: true, json: true), verify: false)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 1 + 5)
        #expect(lines[0] == "{\"type\":\"file\",\"path\":\"\(path)\",\"logStartOffset\":0}")
        #expect(lines[1].hasPrefix("{\"type\":\"batch\",\"baseOffset\":0,\"lastOffset\":4,\"count\":5,"))
        #expect(lines[1].hasSuffix(",\"magic\":2,\"compressCodec\":\"none\",\"crc\":\(try RecordBatch(bytes: segment).header.crc),\"isValid\":true}"))
        #expect(lines[2].hasPrefix("{\"type\":\"record\",\"offset\":0,\"timestampType\":\"CreateTime\","))
        #expect(lines[2].contains("\"headerKeys\":[\"a\",\"b\"],\"key\":\"k1\",\"payload\":\"kcat-none-value-1\"}"))
        // The JSON says what the text says: same records, same order.
        let text = run([path], DumpLogFormat(printData: true), verify: false).out
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("| offset: ") }.count == 5)
    }
}
