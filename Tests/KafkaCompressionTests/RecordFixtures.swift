import Foundation
import KafkaProtocol
import NIOCore
import Testing

/// The client-captured record blobs of KafkaProtocolTests (`Fixtures/batches`), read by path because resources
/// belong to that target: each `.hex` blob with the `.json` of what the producer sent.
struct RecordFixture: CustomTestStringConvertible, Sendable {
    struct Sent: Decodable, Sendable {
        struct SentRecord: Decodable, Sendable {
            let key: String?
            let value: String?
            let headers: [[String]]
        }

        let codec: String
        let magic: Int8
        let producerId: Int64?
        let producerEpoch: Int16?
        let baseSequence: Int32?
        let recordCount: Int
        let wrapperCount: Int?
        let records: [SentRecord]
    }

    let name: String
    let bytes: ByteBuffer
    let sent: Sent

    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../KafkaProtocolTests/Fixtures/batches").standardizedFileURL

    static let all: [RecordFixture] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".hex") }.sorted().compactMap { file in
            let name = String(file.dropLast(4))
            guard let hex = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8),
                let json = try? Data(contentsOf: directory.appendingPathComponent(name + ".json"))
            else { return nil }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            guard let sent = try? decoder.decode(Sent.self, from: json) else { return nil }
            return RecordFixture(name: name, bytes: ByteBuffer(hex: hex), sent: sent)
        }
    }()
}

/// Headers as `[[key, value]]` text pairs, the JSON's shape.
func textPairs(_ headers: RecordHeaders) -> [[String]] {
    headers.map { [$0.keyString, $0.value.map { String(buffer: $0) } ?? "<null>"] }
}
