import Foundation
import KafkaProtocol
import NIOCore
import Testing

/// The `records` of captured Fetch responses: batches as the broker (Tansu) stored them, including the
/// transaction markers it wrote.
@Suite struct FetchResponseRecordsTests {
    static let frames: URL? = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/frames")

    static let names: [String] = {
        guard let frames, let files = try? FileManager.default.contentsOfDirectory(atPath: frames.path) else {
            return []
        }
        return files.filter { $0.hasPrefix("fetch_response_") && $0.hasSuffix(".hex") }.sorted()
    }()

    static func entries(_ name: String) throws -> [RecordBatchEntry] {
        let url = try #require(frames?.appendingPathComponent(name))
        var frame = ByteBuffer(hexDump: try String(contentsOf: url, encoding: .utf8))
        let version = try #require(Int16(name.split(separator: "_")[2].dropFirst()))
        _ = try ResponseHeader(from: &frame, version: FetchResponse.headerVersion(for: version))
        let response = try FetchResponse(from: &frame, version: version)
        var entries: [RecordBatchEntry] = []
        for topic in response.responses {
            for partition in topic.partitions {
                var reader = RecordBatchReader(partition.records ?? ByteBuffer())
                while let entry = try reader.next() { entries.append(entry) }
                #expect(reader.truncatedTail == nil)
            }
        }
        return entries
    }

    @Test func framesArePresent() {
        #expect(Self.names.count >= 20)
    }

    @Test(arguments: names)
    func everyBatchHasAValidCRC(_ name: String) throws {
        let entries = try Self.entries(name)
        #expect(!entries.isEmpty)
        for entry in entries {
            guard case .batch(let batch) = entry else {
                Issue.record("unexpected legacy message")
                continue
            }
            #expect(batch.crcIsValid)
            if batch.codec == .none {
                var records = try batch.records()
                #expect(try records.collect().count == Int(batch.header.recordCount))
            }
        }
    }

    /// The captures of the transaction scenario (see Fixtures/frames/INDEX.tsv: "m2:none:txn:ctl").
    static let transactional = names.filter {
        $0.contains("_013") || $0.contains("confluent_008") || $0.contains("kafkapython_002")
    }

    @Test(arguments: transactional)
    func transactionMarkersDecode(_ name: String) throws {
        let batches = try Self.entries(name).compactMap { entry -> RecordBatch? in
            if case .batch(let batch) = entry { return batch }
            return nil
        }
        let control = batches.filter(\.header.isControl)
        try #require(!control.isEmpty)
        let producers = Set(batches.filter { !$0.header.isControl }.map(\.header.producerId))
        for batch in control {
            #expect(batch.header.isTransactional)
            #expect(producers.contains(batch.header.producerId))
            var records = try batch.records()
            let markers = try records.collect().map { try EndTransactionMarker($0) }
            try #require(markers.count == 1)
            #expect(markers[0].type == .commit || markers[0].type == .abort)
            #expect(markers[0].version == 0)
        }
    }
}
