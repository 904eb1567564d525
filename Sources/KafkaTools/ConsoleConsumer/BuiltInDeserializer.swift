/// Apache's deserializers from `org.apache.kafka.common.serialization`, named by their Java class as
/// `--key-deserializer`, `--value-deserializer` and the `*.deserializer` formatter properties name them. Each renders
/// what Java's `deserialize(...).toString()` would print.
enum BuiltInDeserializer: String, CaseIterable, Sendable, Hashable {
    case string = "org.apache.kafka.common.serialization.StringDeserializer"
    case long = "org.apache.kafka.common.serialization.LongDeserializer"
    case integer = "org.apache.kafka.common.serialization.IntegerDeserializer"
    case short = "org.apache.kafka.common.serialization.ShortDeserializer"
    case double = "org.apache.kafka.common.serialization.DoubleDeserializer"
    case float = "org.apache.kafka.common.serialization.FloatDeserializer"
    case uuid = "org.apache.kafka.common.serialization.UUIDDeserializer"
    case boolean = "org.apache.kafka.common.serialization.BooleanDeserializer"
    case byteArray = "org.apache.kafka.common.serialization.ByteArrayDeserializer"
    case byteBuffer = "org.apache.kafka.common.serialization.ByteBufferDeserializer"
    case bytes = "org.apache.kafka.common.serialization.BytesDeserializer"
    case void = "org.apache.kafka.common.serialization.VoidDeserializer"

    /// Apache's ListDeserializer needs a list class and an inner serde class; not offered.
    static let listDeserializer = "org.apache.kafka.common.serialization.ListDeserializer"
}

/// A deserializer as `DefaultMessageFormatter.getDeserializerProperty` sets it up: the class, configured with the
/// formatter properties under `<property>.` (prefix stripped) and whether it is the key's.
struct ConfiguredDeserializer: Sendable, Hashable {
    let kind: BuiltInDeserializer
    /// For String and UUID; a UUID deserializer keeps an unknown name and fails on each record, as Java's does.
    let encoding: TextEncoding
    let unsupportedEncoding: String?

    init(kind: BuiltInDeserializer, encoding: TextEncoding = .utf8, unsupportedEncoding: String? = nil) {
        self.kind = kind
        self.encoding = encoding
        self.unsupportedEncoding = unsupportedEncoding
    }

    /// `property` is `key.deserializer`, `value.deserializer` or `headers.deserializer`; nil when it is not set.
    static func configure(property: String, isKey: Bool, from properties: [String: String])
        throws(FormatterConfigurationError) -> ConfiguredDeserializer?
    {
        guard let name = properties[property] else { return nil }
        guard let kind = BuiltInDeserializer(rawValue: name) else {
            let detail =
                name == BuiltInDeserializer.listDeserializer
                ? "ListDeserializer is not supported yet"
                : "kafka-console-consumer has Apache's built-in deserializers only ("
                    + BuiltInDeserializer.allCases.map { $0.rawValue.split(separator: ".").last.map(String.init) ?? "" }
                    .joined(separator: ", ") + " in org.apache.kafka.common.serialization)"
            throw FormatterConfigurationError(
                message: "Unable to instantiate a deserializer from \(name) for \(property): \(detail)")
        }
        // Java hands the deserializer only the `<property>.`-prefixed settings, prefix stripped, and the String and
        // UUID deserializers then look for `key.deserializer.encoding` (or `value.…`) and `deserializer.encoding`
        // in that map, so `key.deserializer.deserializer.encoding=…` is what selects a charset.
        let prefix = property + "."
        var own: [String: String] = [:]
        for (key, value) in properties where key.hasPrefix(prefix) && key.count > prefix.count {
            own[String(key.dropFirst(prefix.count))] = value
        }
        let encodingName =
            own[isKey ? "key.deserializer.encoding" : "value.deserializer.encoding"]
            ?? own["deserializer.encoding"]
        switch (kind, encodingName) {
        case (.string, let name?):
            guard let encoding = TextEncoding(javaName: name) else {
                throw FormatterConfigurationError(message: "Unsupported encoding \(name) for \(property)")
            }
            return ConfiguredDeserializer(kind: kind, encoding: encoding)
        case (.uuid, let name?):
            if let encoding = TextEncoding(javaName: name) {
                return ConfiguredDeserializer(kind: kind, encoding: encoding)
            }
            return ConfiguredDeserializer(kind: kind, unsupportedEncoding: name)
        default:
            return ConfiguredDeserializer(kind: kind)
        }
    }

    /// Writes `toString()` of the deserialized value as UTF-8.
    func write(_ bytes: UnsafeRawBufferPointer, to output: OutputBuffer) throws(FormatterError) {
        switch kind {
        case .string:
            if encoding == .utf8, isValidUTF8(bytes) {
                output.append(bytes)
            } else {
                output.append(encoding.decode(bytes))
            }
        case .long:
            output.append(decimal: try integer(bytes, size: 8, name: "LongDeserializer"))
        case .integer:
            output.append(
                decimal: Int64(Int32(truncatingIfNeeded: try integer(bytes, size: 4, name: "IntegerDeserializer"))))
        case .short:
            output.append(
                decimal: Int64(Int16(truncatingIfNeeded: try integer(bytes, size: 2, name: "ShortDeserializer"))))
        case .double:
            let bits = UInt64(bitPattern: try integer(bytes, size: 8, name: "Deserializer"))
            output.append(JavaNumberText.double(Double(bitPattern: bits)))
        case .float:
            let bits = UInt32(truncatingIfNeeded: try integer(bytes, size: 4, name: "Deserializer"))
            output.append(JavaNumberText.float(Float(bitPattern: bits)))
        case .uuid:
            if let unsupportedEncoding {
                throw .serialization(
                    "Error when deserializing byte[] to UUID due to unsupported encoding \(unsupportedEncoding)")
            }
            guard let uuid = JavaUUID.parse(encoding.decode(bytes)) else {
                throw .serialization("Error parsing data into UUID")
            }
            output.append(uuid)
        case .boolean:
            guard bytes.count == 1 else {
                throw .serialization("Size of data received by BooleanDeserializer is not 1")
            }
            switch bytes[0] {
            case 1: output.append("true")
            case 0: output.append("false")
            default:
                throw .serialization("Unexpected byte received by BooleanDeserializer: \(Int8(bitPattern: bytes[0]))")
            }
        case .byteArray:
            // Java prints `[B@<identity hash>`, which no one can use; the bytes themselves are written instead.
            output.append(bytes)
        case .byteBuffer:
            output.append("java.nio.HeapByteBuffer[pos=0 lim=\(bytes.count) cap=\(bytes.count)]")
        case .bytes:
            writeEscaped(bytes, to: output)
        case .void:
            // The formatter never passes null (it substitutes null.literal first), so Java's VoidDeserializer
            // always throws.
            throw FormatterError(
                javaClass: FormatterError.illegalArgument, message: "Data should be null for a VoidDeserializer.")
        }
    }

    /// The big-endian two's-complement value of exactly `size` bytes (Java's fixed-width deserializers).
    private func integer(_ bytes: UnsafeRawBufferPointer, size: Int, name: String) throws(FormatterError) -> Int64 {
        guard bytes.count == size else { throw .serialization("Size of data received by \(name) is not \(size)") }
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        // Sign-extend from the width that was read.
        let shift = UInt64(64 - size * 8)
        return Int64(bitPattern: value << shift) >> shift
    }

    /// `Bytes.toString()`: printable ASCII as is (except `\`), everything else as `\xHH`.
    private func writeEscaped(_ bytes: UnsafeRawBufferPointer, to output: OutputBuffer) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\\") {
                output.append(byte: byte)
            } else {
                output.append(byte: UInt8(ascii: "\\"))
                output.append(byte: UInt8(ascii: "x"))
                output.append(byte: hex[Int(byte >> 4)])
                output.append(byte: hex[Int(byte & 0xF)])
            }
        }
    }
}

/// Whether `bytes` is well-formed UTF-8 (then Java's decode and re-encode give the same bytes back).
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    // Pure ASCII is the common case and needs no decoder.
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
