import KafkaClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one-line text a tool prints for an error. Connection failures carry SwiftNIO's nested error dumps as their
/// reason; a user needs only the address (already in the message) and the system's reason.
public enum ClientErrorText {
    public static func describe(_ error: any Error) -> String {
        switch error {
        case KafkaClientError.bootstrapUnreachable(let servers, let reason):
            return KafkaClientError.bootstrapUnreachable(servers: servers, reason: plainReason(reason)).description
        case KafkaClientError.connectionFailed(let address, let reason):
            return KafkaClientError.connectionFailed(address: address, reason: plainReason(reason)).description
        default:
            return String(describing: error)
        }
    }

    /// `… (errno: 111))` → `Connection refused`; `…UnknownHost: Name or service not known (error -2)…` →
    /// `Name or service not known`; anything else unchanged.
    static func plainReason(_ reason: String) -> String {
        if let range = reason.ranges(of: "(errno: ").last {
            let digits = reason[range.upperBound...].prefix { $0.isNumber }
            if let code = Int32(digits) { return String(cString: strerror(code)) }
        }
        if let range = reason.firstRange(of: "UnknownHost: ") {
            let rest = reason[range.upperBound...]
            return JavaText.trim(String(rest.prefix { $0 != "(" }))
        }
        return reason
    }
}
