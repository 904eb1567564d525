/// Why bytes could not be decoded, or a value could not be encoded, at a given protocol version.
public enum KafkaProtocolError: Error, Hashable, Sendable {
    /// The input ended before a value of `needed` bytes could be read.
    case truncated(what: String, needed: Int, available: Int)
    /// A length, count or varint that no valid message carries (negative where not nullable, too long, ...).
    case invalidValue(what: String, detail: String)
    /// The message type does not exist at this version.
    case unsupportedVersion(message: String, version: Int16)
    /// A field that the version cannot carry was given a non-default value (Apache's UnsupportedVersionException).
    case fieldNotSupported(message: String, field: String, version: Int16)
    /// A null was given for a field that is not nullable at this version.
    case nullNotAllowed(message: String, field: String, version: Int16)
    /// An API key this library does not know.
    case unknownApiKey(Int16)
}

extension KafkaProtocolError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .truncated(let what, let needed, let available):
            return "truncated \(what): needed \(needed) bytes, \(available) available"
        case .invalidValue(let what, let detail):
            return "invalid \(what): \(detail)"
        case .unsupportedVersion(let message, let version):
            return "\(message) does not support version \(version)"
        case .fieldNotSupported(let message, let field, let version):
            return "\(message).\(field) cannot be sent at version \(version)"
        case .nullNotAllowed(let message, let field, let version):
            return "\(message).\(field) is not nullable at version \(version)"
        case .unknownApiKey(let key):
            return "unknown API key \(key)"
        }
    }
}
