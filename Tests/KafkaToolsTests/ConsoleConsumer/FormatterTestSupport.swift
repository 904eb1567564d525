import KafkaClient
import KafkaProtocol
import NIOCore

@testable import KafkaTools

/// Records and formatter runs for the console-consumer tests.
enum FormatterTestSupport {
    static func record(
        key: String? = "key", value: String? = "value", offset: Int64 = 123, partition: Int32 = 0,
        timestamp: Int64 = -1, type: TimestampType = .noTimestamp, headers: [RecordHeader] = []
    ) -> ConsumerRecord {
        ConsumerRecord(
            topic: "topic", partition: partition, offset: offset, timestamp: timestamp, timestampType: type,
            key: key.map { ByteBuffer(string: $0) }, value: value.map { ByteBuffer(string: $0) },
            headers: RecordHeaders(headers))
    }

    static func bytesRecord(key: [UInt8]? = nil, value: [UInt8]?) -> ConsumerRecord {
        ConsumerRecord(
            topic: "topic", partition: 0, offset: 0, timestamp: -1, timestampType: .noTimestamp,
            key: key.map { ByteBuffer(bytes: $0) }, value: value.map { ByteBuffer(bytes: $0) })
    }

    /// What the formatter writes for `record`, as text, or the error it raised (with what it wrote before it).
    static func format(_ record: ConsumerRecord, _ properties: [String: String]) throws -> Result<
        String, FormatterError
    > {
        let formatter = try DefaultMessageFormatter(properties: properties)
        let output = OutputBuffer(capacity: 64) { _ in true }
        do {
            try formatter.write(record, to: output)
            return .success(String(decoding: output.pendingBytes, as: UTF8.self))
        } catch {
            return .failure(error)
        }
    }

    static func text(_ record: ConsumerRecord, _ properties: [String: String]) throws -> String? {
        try? format(record, properties).get()
    }
}
