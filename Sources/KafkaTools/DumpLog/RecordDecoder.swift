import NIOCore

/// `--key-decoder-class` / `--value-decoder-class`: Apache's built-in `org.apache.kafka.tools.api` decoders.
enum RecordDecoder: String, Sendable, Hashable, CaseIterable {
    case string = "org.apache.kafka.tools.api.StringDecoder"
    case integer = "org.apache.kafka.tools.api.IntegerDecoder"
    case long = "org.apache.kafka.tools.api.LongDecoder"
    /// Java prints the byte[] object (`[B@1b6d3586`); we print the bytes as text, which is what one wants.
    case bytes = "org.apache.kafka.tools.api.DefaultDecoder"

    struct Unknown: Error, CustomStringConvertible {
        let name: String
        var description: String {
            "Unknown decoder class \(name): use one of \(RecordDecoder.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }

    /// Accepts the full class name or its short form (`StringDecoder`).
    init(className: String) throws {
        let name = className.hasPrefix("org.apache.kafka.tools.api.") ? className : "org.apache.kafka.tools.api." + className
        guard let decoder = RecordDecoder(rawValue: name) else { throw Unknown(name: className) }
        self = decoder
    }

    /// The text Apache prints for the decoded value (`String.valueOf` of what the decoder returns), or an error
    /// text naming the offset when the bytes cannot be decoded.
    func text(_ bytes: ByteBuffer, offset: Int64) -> String {
        switch self {
        case .string, .bytes:
            return String(buffer: bytes)
        case .integer:
            // Java's ByteBuffer.getInt(): the first four bytes, big-endian.
            guard let value = bytes.getInteger(at: bytes.readerIndex, as: Int32.self) else {
                return "Error at offset \(offset), skipping. \(bytes.readableBytes) bytes are not an Integer"
            }
            return String(value)
        case .long:
            guard let value = bytes.getInteger(at: bytes.readerIndex, as: Int64.self) else {
                return "Error at offset \(offset), skipping. \(bytes.readableBytes) bytes are not a Long"
            }
            return String(value)
        }
    }
}
