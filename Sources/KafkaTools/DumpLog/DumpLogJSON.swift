import KafkaCLISupport
import KafkaProtocol
import NIOCore

/// `--output json`: one JSON object per line for each file, batch, record and index entry, with the same facts as
/// the text lines (field names are documented in docs/json-output.md).
enum DumpLogJSON {
    static func file(path: String, logStartOffset: Int64?) -> String {
        var fields: [(String, JSONValue)] = [("type", .string("file")), ("path", .string(path))]
        if let logStartOffset { fields.append(("logStartOffset", .integer(logStartOffset))) }
        return JSONValue.object(fields).rendered
    }

    static func batch(_ header: RecordBatchHeader, position: Int64, crcIsValid: Bool) -> String {
        JSONValue.object([
            ("type", .string("batch")), ("baseOffset", .integer(header.baseOffset)),
            ("lastOffset", .integer(header.lastOffset)), ("count", .integer(Int64(header.recordCount))),
            ("baseSequence", .integer(Int64(header.baseSequence))),
            ("lastSequence", .integer(Int64(header.lastSequence))), ("producerId", .integer(header.producerId)),
            ("producerEpoch", .integer(Int64(header.producerEpoch))),
            ("partitionLeaderEpoch", .integer(Int64(header.partitionLeaderEpoch))),
            ("isTransactional", .bool(header.isTransactional)), ("isControl", .bool(header.isControl)),
            ("deleteHorizonMs", header.deleteHorizon.map { .integer($0) } ?? .null),
            ("position", .integer(position)), ("timestampType", .string(header.timestampType.name)),
            ("maxTimestamp", .integer(header.maxTimestamp)), ("size", .integer(Int64(header.sizeInBytes))),
            ("magic", .integer(Int64(header.magic))),
            ("compressCodec", .string(header.codec?.name ?? "unknown(\(header.attributes.compressionCodecID))")),
            ("crc", .integer(Int64(header.crc))), ("isValid", .bool(crcIsValid)),
        ]).rendered
    }

    static func legacyEntry(_ message: LegacyMessage, position: Int64, crcIsValid: Bool) -> String {
        JSONValue.object([
            ("type", .string("batch")), ("offset", .integer(message.offset)), ("position", .integer(position)),
            ("timestampType", .string(message.timestampType.name)), ("maxTimestamp", .integer(message.timestamp)),
            ("size", .integer(Int64(message.sizeInBytes))), ("magic", .integer(Int64(message.magic))),
            ("compressCodec", .string(message.codec.name)), ("crc", .integer(Int64(message.crc))),
            ("isValid", .bool(crcIsValid)),
        ]).rendered
    }

    static func record(
        _ record: Record, in header: RecordBatchHeader, control: (type: String, coordinatorEpoch: Int32?)?,
        format: DumpLogFormat
    ) -> String {
        var fields: [(String, JSONValue)] = [
            ("type", .string("record")), ("offset", .integer(record.offset(in: header))),
            ("timestampType", .string(header.timestampType.name)),
            ("timestamp", .integer(record.timestamp(in: header))),
            ("keySize", .integer(Int64(record.key?.readableBytes ?? -1))),
            ("valueSize", .integer(Int64(record.value?.readableBytes ?? -1))),
            ("sequence", .integer(Int64(DumpLogLines.sequence(of: record, in: header)))),
            ("headerKeys", .array(record.headers.map { .string($0.keyString) })),
        ]
        if let control {
            var marker: [(String, JSONValue)] = [("type", .string(control.type))]
            if let epoch = control.coordinatorEpoch { marker.append(("coordinatorEpoch", .integer(Int64(epoch)))) }
            fields.append(("control", .object(marker)))
        }
        if format.printData && !header.isControl {
            if format.printsPlainText {
                appendData(key: record.key, value: record.value, to: &fields)
            } else {
                let (key, payload) = DumpLogLines.decodedData(
                    key: record.key, value: record.value, offset: record.offset(in: header), format: format)
                fields.append(("key", .optional(key)))
                fields.append(("payload", .optional(payload)))
            }
        }
        return JSONValue.object(fields).rendered
    }

    static func legacyRecord(
        _ message: LegacyMessage, offset: Int64, timestampType: TimestampType, timestamp: Int64, crcIsValid: Bool,
        format: DumpLogFormat
    ) -> String {
        var fields: [(String, JSONValue)] = [
            ("type", .string("record")), ("offset", .integer(offset)),
            ("timestampType", .string(timestampType.name)), ("timestamp", .integer(timestamp)),
            ("keySize", .integer(Int64(message.key?.readableBytes ?? -1))),
            ("valueSize", .integer(Int64(message.value?.readableBytes ?? -1))),
            ("isValid", .bool(crcIsValid)), ("crc", .integer(Int64(message.crc))),
        ]
        if format.printData { appendData(key: message.key, value: message.value, to: &fields) }
        return JSONValue.object(fields).rendered
    }

    static func offsetIndexEntry(offset: Int64, position: Int64) -> String {
        JSONValue.object([
            ("type", .string("offsetIndexEntry")), ("offset", .integer(offset)), ("position", .integer(position)),
        ]).rendered
    }

    static func timeIndexEntry(timestamp: Int64, offset: Int64) -> String {
        JSONValue.object([
            ("type", .string("timeIndexEntry")), ("timestamp", .integer(timestamp)), ("offset", .integer(offset)),
        ]).rendered
    }

    static func invalidBytes(_ count: Int64, file: String) -> String {
        JSONValue.object([("type", .string("invalidBytes")), ("count", .integer(count)), ("file", .string(file))])
            .rendered
    }

    /// Key and payload as UTF-8 text (invalid sequences replaced), as the text output prints them; null stays null.
    private static func appendData(key: ByteBuffer?, value: ByteBuffer?, to fields: inout [(String, JSONValue)]) {
        fields.append(("key", key.map { .string(String(buffer: $0)) } ?? .null))
        fields.append(("payload", value.map { .string(String(buffer: $0)) } ?? .null))
    }
}
