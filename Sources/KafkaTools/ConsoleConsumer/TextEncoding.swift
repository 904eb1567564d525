/// The charsets the String and UUID deserializers accept for `deserializer.encoding` (Java's names and common
/// aliases, case-insensitive). Java knows many more; those are refused with a clear message.
enum TextEncoding: Sendable, Hashable {
    case utf8
    case latin1
    case ascii

    init?(javaName: String) {
        switch javaName.lowercased() {
        case "utf8", "utf-8", "unicode-1-1-utf-8": self = .utf8
        case "iso-8859-1", "iso8859_1", "iso_8859_1", "iso8859-1", "latin1", "l1", "8859_1", "cp819", "ibm819",
            "iso_8859-1", "ibm-819", "csisolatin1", "819", "iso-ir-100":
            self = .latin1
        case "us-ascii", "ascii", "us", "646", "iso646-us", "ascii7", "default", "iso_646.irv:1983", "ansi_x3.4-1968",
            "ansi_x3.4-1986", "cp367", "ibm367", "csascii", "iso-ir-6":
            self = .ascii
        default: return nil
        }
    }

    /// `new String(bytes, charset)` re-encoded as UTF-8 (what the formatter's `utfBytes(toString())` writes).
    /// Malformed input becomes U+FFFD, as Java's decoders replace it.
    func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.lazy.map { Unicode.Scalar($0) })
            return text
        case .ascii:
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.lazy.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" })
            return text
        }
    }
}
