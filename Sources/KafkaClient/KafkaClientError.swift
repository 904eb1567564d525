import KafkaProtocol

/// An error code a broker answered with, and the message it sent (Kafka's `ApiException`).
public struct KafkaBrokerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code as sent; `code` is nil for a code this library does not know.
    public var rawCode: Int16
    public var message: String?

    public init(rawCode: Int16, message: String? = nil) {
        self.rawCode = rawCode
        self.message = message
    }

    public init(_ code: ErrorCode, message: String? = nil) {
        self.init(rawCode: code.rawValue, message: message)
    }

    public var code: ErrorCode? { ErrorCode(rawValue: rawCode) }

    public var isRetriable: Bool { code?.isRetriable ?? false }

    /// The broker's message, or Kafka's default text for the code (what Java's exception would say).
    public var description: String {
        if let message, !message.isEmpty { return message }
        return code?.message ?? "Unknown error code \(rawCode)"
    }

    /// nil for NONE (0); otherwise the error.
    static func check(_ rawCode: Int16, message: String? = nil) -> KafkaBrokerError? {
        rawCode == 0 ? nil : KafkaBrokerError(rawCode: rawCode, message: message)
    }
}

/// Everything the client can fail with, each with a one-line description fit for a CLI's stderr.
public enum KafkaClientError: Error, Sendable, CustomStringConvertible {
    /// A broker answered with an error code.
    case broker(KafkaBrokerError)
    /// No bootstrap server could be reached before the deadline.
    case bootstrapUnreachable(servers: [String], reason: String)
    /// A known broker could not be reached or dropped the connection.
    case connectionFailed(address: String, reason: String)
    /// A call did not complete in time.
    case timeout(String)
    /// The broker does not offer an API (or any version of it this client speaks).
    case unsupportedApi(ApiKey, address: String)
    /// The broker sent something we could not decode.
    case protocolViolation(String)
    /// Bad client configuration (Kafka's ConfigException).
    case invalidConfiguration(String)
    /// TLS or SASL refused the connection, or `security.protocol` does not match the listener: a full line
    /// (never a secret), and never retried, since trying again cannot fix it.
    case securityFailure(String)
    /// The client was closed while the call was pending.
    case closed
    /// `wakeup()` interrupted a blocking consumer call.
    case wakeup
    /// A partition has no committed offset and `auto.offset.reset` is none.
    case noOffsetForPartition([TopicPartition])

    public var description: String {
        switch self {
        case .broker(let error):
            return error.description
        case .bootstrapUnreachable(let servers, let reason):
            return "Could not connect to any bootstrap server (\(servers.joined(separator: ","))): \(reason)"
        case .connectionFailed(let address, let reason):
            return "Connection to \(address) failed: \(reason)"
        case .timeout(let what):
            return what
        case .unsupportedApi(let api, let address):
            return "The broker at \(address) does not support \(api.name)"
        case .protocolViolation(let what):
            return "Protocol error: \(what)"
        case .invalidConfiguration(let what):
            return what
        case .securityFailure(let what):
            return what
        case .closed:
            return "The client was closed"
        case .wakeup:
            return "The consumer was woken up"
        case .noOffsetForPartition(let partitions):
            return "Undefined offset with no reset policy for partitions: [\(partitions.map(\.description).joined(separator: ", "))]"
        }
    }

    /// The broker error inside, if this is one.
    public var brokerError: KafkaBrokerError? {
        if case .broker(let error) = self { return error }
        return nil
    }

    /// Whether retrying the same call may succeed (retriable Kafka codes, lost connections, timeouts).
    var isRetriable: Bool {
        switch self {
        case .broker(let error): return error.isRetriable
        case .connectionFailed, .timeout: return true
        default: return false
        }
    }
}
