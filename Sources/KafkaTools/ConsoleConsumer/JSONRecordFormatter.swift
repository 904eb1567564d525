import KafkaCLISupport
import KafkaClient
import KafkaProtocol
import NIOCore

/// `--output json` (not in Apache's tool): one JSON object per record per line, with kcat -J's field names and
/// order (`topic`, `partition`, `offset`, `tstype`, `ts`, `headers` when there are any, `key`, `payload`); kcat's
/// `broker` is left out, the consumer not knowing which broker served the record. The key, value and header
/// deserializers apply as in text mode; the `print.*` and separator properties do not. See docs/json-output.md.
struct JSONRecordFormatter: Sendable {
    var keyDeserializer: ConfiguredDeserializer?
    var valueDeserializer: ConfiguredDeserializer?
    var headersDeserializer: ConfiguredDeserializer?

    init(properties: [String: String]) throws(FormatterConfigurationError) {
        keyDeserializer = try ConfiguredDeserializer.configure(
            property: "key.deserializer", isKey: true, from: properties)
        valueDeserializer = try ConfiguredDeserializer.configure(
            property: "value.deserializer", isKey: false, from: properties)
        headersDeserializer = try ConfiguredDeserializer.configure(
            property: "headers.deserializer", isKey: false, from: properties)
    }

    /// kcat's `tstype` values.
    static func timestampTypeName(_ type: TimestampType) -> String {
        switch type {
        case .createTime: return "create"
        case .logAppendTime: return "logappend"
        case .noTimestamp: return "unknown"
        }
    }

    func write(_ record: ConsumerRecord, to output: OutputBuffer) throws(FormatterError) {
        var fields: [(String, JSONValue)] = [
            ("topic", .string(record.topic)), ("partition", .integer(Int64(record.partition))),
            ("offset", .integer(record.offset)), ("tstype", .string(Self.timestampTypeName(record.timestampType))),
            ("ts", .integer(record.timestampType == .noTimestamp ? -1 : record.timestamp)),
        ]
        if !record.headers.isEmpty {
            var headers: [JSONValue] = []
            for header in record.headers {
                headers.append(.string(String(buffer: header.key)))
                headers.append(try text(header.value, with: headersDeserializer))
            }
            fields.append(("headers", .array(headers)))
        }
        fields.append(("key", try text(record.key, with: keyDeserializer)))
        fields.append(("payload", try text(record.value, with: valueDeserializer)))
        output.append(JSONValue.object(fields).rendered)
        output.append(byte: UInt8(ascii: "\n"))
    }

    /// A field as a JSON string (invalid UTF-8 repaired), or null; a deserializer's text when one is set.
    private func text(_ field: ByteBuffer?, with deserializer: ConfiguredDeserializer?) throws(FormatterError)
        -> JSONValue
    {
        guard let field else { return .null }
        guard let deserializer else { return .string(String(decoding: field.readableBytesView, as: UTF8.self)) }
        let scratch = OutputBuffer(capacity: 64) { _ in true }
        let result = field.withUnsafeReadableBytes { bytes in
            Result { () throws(FormatterError) in try deserializer.write(bytes, to: scratch) }
        }
        try result.get()
        return .string(String(decoding: scratch.pendingBytes, as: UTF8.self))
    }
}
