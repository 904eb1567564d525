import KafkaProtocol
import NIOCore

/// The exact lines Apache's `DumpLogSegments` prints for batches and records (cli-reference §6.2), as pure
/// functions so that the format is tested without files.
enum DumpLogLines {
    /// The line for one v2 batch.
    static func batchLine(_ header: RecordBatchHeader, position: Int64, crcIsValid: Bool) -> String {
        // Java prints the OptionalLong itself, hence its toString spelling.
        let deleteHorizon = header.deleteHorizon.map { "OptionalLong[\($0)]" } ?? "OptionalLong.empty"
        let codec = header.codec?.name ?? "unknown(\(header.attributes.compressionCodecID))"
        return "baseOffset: \(header.baseOffset) lastOffset: \(header.lastOffset) count: \(header.recordCount)"
            + " baseSequence: \(header.baseSequence) lastSequence: \(header.lastSequence)"
            + " producerId: \(header.producerId) producerEpoch: \(header.producerEpoch)"
            + " partitionLeaderEpoch: \(header.partitionLeaderEpoch) isTransactional: \(header.isTransactional)"
            + " isControl: \(header.isControl) deleteHorizonMs: \(deleteHorizon) position: \(position)"
            + " \(header.timestampType.name): \(header.maxTimestamp) size: \(header.sizeInBytes) magic: \(header.magic)"
            + " compresscodec: \(codec) crc: \(header.crc) isvalid: \(crcIsValid)"
    }

    /// The line for one magic 0/1 message (a compressed wrapper counts as one entry).
    static func legacyEntryLine(_ message: LegacyMessage, position: Int64, crcIsValid: Bool) -> String {
        "offset: \(message.offset) position: \(position) \(message.timestampType.name): \(message.timestamp)"
            + " size: \(message.sizeInBytes) magic: \(message.magic) compresscodec: \(message.codec.name)"
            + " crc: \(message.crc) isvalid: \(crcIsValid)"
    }

    /// The line for one record of a v2 batch; `control` is the description of a control record.
    static func recordLine(
        _ record: Record, in header: RecordBatchHeader, control: String?, format: DumpLogFormat
    ) -> String {
        var text = ""
        let output = DumpOutput(out: { text += String(decoding: $0, as: UTF8.self) }, error: { _ in })
        writeRecordLine(record, in: header, control: control, format: format, to: output)
        output.flush()
        return String(text.dropLast())
    }

    /// Key and payload through the decoders the options chose (Apache's `MessageParser`).
    static func decodedData(key: ByteBuffer?, value: ByteBuffer?, offset: Int64, format: DumpLogFormat)
        -> (String?, String?)
    {
        if let topic = format.coordinatorRecords {
            return CoordinatorRecordJSON.describe(key: key, value: value, offset: offset, topic: topic)
        }
        return (
            key.map { format.keyDecoder.text($0, offset: offset) }, value.map { format.valueDecoder.text($0, offset: offset) }
        )
    }

    /// `" CreateTime: "` and the like, as static text (the per-record path avoids building Strings).
    static func timestampLabel(_ type: TimestampType) -> StaticString {
        switch type {
        case .createTime: return " CreateTime: "
        case .logAppendTime: return " LogAppendTime: "
        default: return " NoTimestampType: "
        }
    }

    /// Writes the record line (and its newline) straight into the output buffer: the hot path of a deep dump.
    static func writeRecordLine(
        _ record: Record, in header: RecordBatchHeader, control: String?, format: DumpLogFormat, to output: DumpOutput
    ) {
        output.writeLine { line in
            var wroteField = false
            if !format.skipRecordMetadata {
                line.append("| offset: ")
                line.appendDecimal(record.offset(in: header))
                line.append(Self.timestampLabel(header.timestampType))
                line.appendDecimal(record.timestamp(in: header))
                line.append(" keySize: ")
                line.appendDecimal(Int64(record.key?.readableBytes ?? -1))
                line.append(" valueSize: ")
                line.appendDecimal(Int64(record.value?.readableBytes ?? -1))
                line.append(" sequence: ")
                line.appendDecimal(Int64(sequence(of: record, in: header)))
                line.append(" headerKeys: [")
                var first = true
                for recordHeader in record.headers {
                    if !first { line.append(",") }
                    line.appendJavaText(recordHeader.key)
                    first = false
                }
                line.append("]")
                if let control {
                    line.append(" ")
                    line.append(control)
                }
                wroteField = true
            }
            if format.printData && !header.isControl && !format.printsPlainText {
                let (key, payload) = decodedData(key: record.key, value: record.value, offset: record.offset(in: header), format: format)
                if let key {
                    line.append(wroteField ? " key: " : "| key: ")
                    line.append(key)
                    wroteField = true
                }
                if let payload {
                    line.append(wroteField ? " payload: " : "| payload: ")
                    line.append(payload)
                }
            } else if format.printData && !header.isControl {
                // Without metadata the first data field starts the line with `| `; a null key or value prints
                // nothing.
                if let key = record.key {
                    line.append(wroteField ? " key: " : "| key: ")
                    line.appendJavaText(key)
                    wroteField = true
                }
                if let value = record.value {
                    line.append(wroteField ? " payload: " : "| payload: ")
                    line.appendJavaText(value)
                }
            }
        }
    }

    /// The line for one message of a magic 0/1 entry; `offset` and `timestamp` are the ones the reader sees.
    static func legacyRecordLine(
        _ message: LegacyMessage, offset: Int64, timestampType: TimestampType, timestamp: Int64, crcIsValid: Bool,
        format: DumpLogFormat
    ) -> String {
        var line = ""
        if !format.skipRecordMetadata {
            line = "| offset: \(offset) \(timestampType.name): \(timestamp)"
                + " keySize: \(message.key?.readableBytes ?? -1) valueSize: \(message.value?.readableBytes ?? -1)"
                + " isValid: \(crcIsValid) crc: \(message.crc)"
        }
        if format.printData { appendData(key: message.key, value: message.value, to: &line, format: format) }
        return line
    }

    /// A control record's description: end-transaction markers in full, other types by name and id.
    static func controlDescription(_ record: Record) throws -> String {
        let control = try controlInfo(record)
        guard let epoch = control.coordinatorEpoch else { return "controlType: \(control.type)(\(control.id))" }
        return "endTxnMarker: \(control.type) coordinatorEpoch: \(epoch)"
    }

    /// A control record's type, and the coordinator epoch when it is an end-transaction marker.
    static func controlInfo(_ record: Record) throws -> (type: String, id: Int16, coordinatorEpoch: Int32?) {
        let key = try ControlRecordKey(from: record.key ?? ByteBuffer())
        guard key.type == .commit || key.type == .abort else { return ("\(key.type)", key.type.rawValue, nil) }
        let marker = try EndTransactionMarker(record)
        return ("\(marker.type)", key.type.rawValue, marker.coordinatorEpoch)
    }

    /// Without metadata the first data field starts the line with `| `; a null key or value prints nothing.
    private static func appendData(key: ByteBuffer?, value: ByteBuffer?, to line: inout String, format: DumpLogFormat) {
        var separator = format.skipRecordMetadata ? "| " : " "
        if let key {
            line += separator + "key: " + String(buffer: key)
            separator = " "
        }
        if let value { line += separator + "payload: " + String(buffer: value) }
    }

    /// Kafka's `DefaultRecord.sequence()`: the batch's base sequence plus the offset delta, wrapping past Int32.max.
    static func sequence(of record: Record, in header: RecordBatchHeader) -> Int32 {
        guard header.baseSequence >= 0 else { return -1 }
        let sequence = Int64(header.baseSequence) + Int64(record.offsetDelta)
        return sequence > Int64(Int32.max) ? Int32(sequence - Int64(Int32.max) - 1) : Int32(sequence)
    }
}
