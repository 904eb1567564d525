/// A configuration the broker cannot start with. The descriptions follow Apache's `ConfigException` wording so a
/// user sees the message they would search for.
public enum ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidValue(key: String, value: String, reason: String)
    case missing(key: String)
    case unreadableFile(path: String, reason: String)
    case malformedFile(path: String, reason: String)
    case malformedOverride(String)

    public var description: String {
        switch self {
        case .invalidValue(let key, let value, let reason):
            return "Invalid value \(value) for configuration \(key): \(reason)"
        case .missing(let key):
            return "Missing required configuration \"\(key)\" which has no default value."
        case .unreadableFile(let path, let reason):
            return "Cannot read the properties file \(path): \(reason)"
        case .malformedFile(let path, let reason):
            return "Cannot parse the properties file \(path): \(reason)"
        case .malformedOverride(let text):
            return "Invalid override \(text): expected key=value"
        }
    }
}
