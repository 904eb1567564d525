import KafkaCLISupport
import KafkaClient
import KafkaProtocol
import NIOCore

/// Apache's `DefaultMessageFormatter`: the fields it prints, in its fixed order (timestamp, partition, offset,
/// delivery, epoch, headers, key, value), each followed by `key.separator` when a later field prints and by
/// `line.separator` otherwise.
struct DefaultMessageFormatter: Sendable {
    var printTimestamp = false
    var printKey = false
    var printValue = true
    var printPartition = false
    var printOffset = false
    var printDelivery = false
    var printEpoch = false
    var printHeaders = false
    var keySeparator: [UInt8] = Array("\t".utf8)
    var lineSeparator: [UInt8] = Array("\n".utf8)
    var headersSeparator: [UInt8] = Array(",".utf8)
    var nullLiteral: [UInt8] = Array("null".utf8)
    var keyDeserializer: ConfiguredDeserializer?
    var valueDeserializer: ConfiguredDeserializer?
    var headersDeserializer: ConfiguredDeserializer?

    init() {}

    /// `configure(configs)`: only the properties present change a default.
    init(properties: [String: String]) throws(FormatterConfigurationError) {
        func flag(_ key: String, _ current: Bool) -> Bool {
            // `((String) value).trim().equalsIgnoreCase("true")`
            properties[key].map { JavaText.trim($0).lowercased() == "true" } ?? current
        }
        func bytes(_ key: String, _ current: [UInt8]) -> [UInt8] { properties[key].map { Array($0.utf8) } ?? current }
        printTimestamp = flag("print.timestamp", printTimestamp)
        printKey = flag("print.key", printKey)
        printOffset = flag("print.offset", printOffset)
        printDelivery = flag("print.delivery", printDelivery)
        printEpoch = flag("print.epoch", printEpoch)
        printPartition = flag("print.partition", printPartition)
        printHeaders = flag("print.headers", printHeaders)
        printValue = flag("print.value", printValue)
        keySeparator = bytes("key.separator", keySeparator)
        lineSeparator = bytes("line.separator", lineSeparator)
        headersSeparator = bytes("headers.separator", headersSeparator)
        nullLiteral = bytes("null.literal", nullLiteral)
        keyDeserializer = try ConfiguredDeserializer.configure(
            property: "key.deserializer", isKey: true, from: properties)
        valueDeserializer = try ConfiguredDeserializer.configure(
            property: "value.deserializer", isKey: false, from: properties)
        headersDeserializer = try ConfiguredDeserializer.configure(
            property: "headers.deserializer", isKey: false, from: properties)
    }

    /// `writeTo`. A deserializer failure leaves what was already written in place, as Java's does.
    func write(_ record: ConsumerRecord, to output: OutputBuffer) throws(FormatterError) {
        if printTimestamp {
            if record.timestampType == .noTimestamp {
                output.append("NO_TIMESTAMP")
            } else {
                output.append(record.timestampType.name)
                output.append(byte: UInt8(ascii: ":"))
                output.append(decimal: record.timestamp)
            }
            separator(
                printPartition || printOffset || printDelivery || printEpoch || printHeaders || printKey || printValue,
                output)
        }
        if printPartition {
            output.append("Partition:")
            output.append(decimal: Int64(record.partition))
            separator(printOffset || printDelivery || printEpoch || printHeaders || printKey || printValue, output)
        }
        if printOffset {
            output.append("Offset:")
            output.append(decimal: record.offset)
            separator(printDelivery || printEpoch || printHeaders || printKey || printValue, output)
        }
        if printDelivery {
            // Only share consumers count deliveries.
            output.append("Delivery:NOT_PRESENT")
            separator(printEpoch || printHeaders || printKey || printValue, output)
        }
        if printEpoch {
            // The console consumer rebuilds every record without its leader epoch before formatting it.
            output.append("Epoch:NOT_PRESENT")
            separator(printHeaders || printKey || printValue, output)
        }
        if printHeaders {
            try writeHeaders(record.headers, to: output)
            separator(printKey || printValue, output)
        }
        if printKey {
            try write(record.key, with: keyDeserializer, to: output)
            separator(printValue, output)
        }
        if printValue {
            try write(record.value, with: valueDeserializer, to: output)
            output.append(lineSeparator)
        }
    }

    private func writeHeaders(_ headers: RecordHeaders, to output: OutputBuffer) throws(FormatterError) {
        guard !headers.isEmpty else {
            output.append("NO_HEADERS")
            return
        }
        var first = true
        for header in headers {
            if !first { output.append(headersSeparator) }
            first = false
            // Java holds the key as a String, so invalid UTF-8 comes out repaired.
            header.key.withUnsafeReadableBytes { key in
                if isValidUTF8(key) { output.append(key) } else { output.append(String(decoding: key, as: UTF8.self)) }
            }
            output.append(byte: UInt8(ascii: ":"))
            try write(header.value, with: headersDeserializer, to: output)
        }
    }

    /// A null field becomes `null.literal` before the deserializer sees it; without one the bytes go out as they are.
    @inline(__always)
    private func write(_ field: ByteBuffer?, with deserializer: ConfiguredDeserializer?, to output: OutputBuffer)
        throws(FormatterError)
    {
        guard let deserializer else {
            if let field {
                field.withUnsafeReadableBytes { output.append($0) }
            } else {
                output.append(nullLiteral)
            }
            return
        }
        let result: Result<Void, FormatterError>
        if let field {
            result = field.withUnsafeReadableBytes { bytes in
                Result { () throws(FormatterError) in try deserializer.write(bytes, to: output) }
            }
        } else {
            result = nullLiteral.withUnsafeBytes { bytes in
                Result { () throws(FormatterError) in try deserializer.write(bytes, to: output) }
            }
        }
        try result.get()
    }

    @inline(__always)
    private func separator(_ column: Bool, _ output: OutputBuffer) {
        output.append(column ? keySeparator : lineSeparator)
    }
}
