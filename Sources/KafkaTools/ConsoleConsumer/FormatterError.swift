/// A record the formatter could not write, named as Java names the exception its deserializer throws, so that
/// the one ERROR line reads like the first line of Apache's stack trace.
struct FormatterError: Error, Sendable, Hashable, CustomStringConvertible {
    static let serialization = "org.apache.kafka.common.errors.SerializationException"
    static let illegalArgument = "java.lang.IllegalArgumentException"

    let javaClass: String
    let message: String

    static func serialization(_ message: String) -> FormatterError {
        FormatterError(javaClass: serialization, message: message)
    }

    var description: String { "\(javaClass): \(message)" }
}

/// A formatter setting that cannot work (an unknown deserializer class, an unsupported encoding): refused before
/// anything is consumed.
struct FormatterConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    let message: String
    var description: String { message }
}
