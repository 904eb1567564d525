import Foundation
import KafkaProtocol
import NIOCore
import Testing

/// The `records` blobs captured from real clients (`Fixtures/batches/*.hex`) with what the producer sent (`.json`).
struct BatchFixture: CustomTestStringConvertible, Sendable {
    struct Expected: Decodable, Sendable {
        struct SentRecord: Decodable, Sendable {
            let key: String?
            let value: String?
            let headers: [[String]]
        }

        struct Batch: Decodable, Sendable {
            let baseOffset: Int64
            let baseSequence: Int32
            let baseTimestamp: Int64
            let codec: String
            let control: Bool
            let crcOk: Bool
            let lastOffsetDelta: Int32
            let length: Int32
            let maxTimestamp: Int64
            let producerEpoch: Int16
            let producerId: Int64
            let recordCount: Int32
            let timestampType: String
            let transactional: Bool
        }

        struct LegacyBatch: Decodable, Sendable {
            let codec: String
            let magic: Int8
        }

        let codec: String
        let magic: Int8
        let variant: String?
        let producerId: Int64?
        let producerEpoch: Int16?
        let baseSequence: Int32?
        let transactional: Bool?
        let recordCount: Int
        let wrapperCount: Int?
        let records: [SentRecord]
    }

    let name: String
    let bytes: ByteBuffer
    let expected: Expected
    /// Batch headers for magic 2 (legacy fixtures describe only codec and magic).
    let batches: [Expected.Batch]

    var testDescription: String { name }

    static let directory: URL? = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/batches")

    static func load(_ name: String, from directory: URL) throws -> BatchFixture {
        let hex = try String(contentsOf: directory.appendingPathComponent(name + ".hex"), encoding: .utf8)
        let json = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let expected = try decoder.decode(Expected.self, from: json)
        struct Batches: Decodable { let batches: [Expected.Batch] }
        let batches = expected.magic == 2 ? try decoder.decode(Batches.self, from: json).batches : []
        return BatchFixture(name: name, bytes: ByteBuffer(hexDump: hex), expected: expected, batches: batches)
    }

    static func names(in directory: URL?) -> [String] {
        guard let directory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".hex") }.map { String($0.dropLast(4)) }.sorted()
    }

    static let all: [BatchFixture] = names(in: directory).compactMap { name in
        directory.flatMap { try? load(name, from: $0) }
    }

    static var v2: [BatchFixture] { all.filter { $0.expected.magic == 2 } }
    static var v2Uncompressed: [BatchFixture] { v2.filter { $0.expected.codec == "none" } }
    static var legacy: [BatchFixture] { all.filter { $0.expected.magic < 2 } }
}

extension ByteBuffer {
    /// Bytes from hex text, ignoring whitespace (the fixture files wrap at 64 characters).
    init(hexDump: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in hexDump {
            guard let nibble = character.hexDigitValue.map(UInt8.init) else { continue }
            if let pending = high {
                bytes.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self.init(bytes: bytes)
    }
}

extension BatchFixture.Expected.SentRecord {
    var keyBytes: ByteBuffer? { key.map { ByteBuffer(string: $0) } }
    var valueBytes: ByteBuffer? { value.map { ByteBuffer(string: $0) } }
    var headerPairs: [[String]] { headers }
}

/// Headers as `[[key, value]]` text pairs, the JSON's shape.
func headerPairs(_ headers: RecordHeaders) -> [[String]] {
    headers.map { [$0.keyString, $0.value.map { String(buffer: $0) } ?? "<null>"] }
}
