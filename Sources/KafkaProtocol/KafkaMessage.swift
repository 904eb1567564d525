import NIOCore

/// A value with a versioned Kafka wire encoding: every generated request, response and embedded schema.
public protocol KafkaMessage: Sendable, Hashable {
    /// The spec name, for error messages.
    static var messageName: String { get }
    /// The versions the spec defines.
    static var versions: ClosedRange<Int16> { get }
    /// The first flexible version (compact encodings and tagged fields), or nil if none is.
    static var firstFlexibleVersion: Int16? { get }

    /// A value with every field at its spec default.
    init()
    /// Decodes one message; throws on short or invalid input, or on a version outside `versions`.
    init(from buffer: inout ByteBuffer, version: Int16) throws
    /// Encodes at `version`; throws if a field set to a non-default value cannot be carried by that version.
    func write(into buffer: inout ByteBuffer, version: Int16) throws
}

extension KafkaMessage {
    @inlinable
    public static func isFlexible(_ version: Int16) -> Bool {
        guard let first = firstFlexibleVersion else { return false }
        return version >= first
    }
}

/// A request or response body, tied to an API key.
public protocol KafkaApiMessage: KafkaMessage {
    static var apiKey: ApiKey { get }
    /// The header version that goes with this body at `version` (the spec's header quirks included).
    static func headerVersion(for version: Int16) -> Int16
}

public protocol KafkaRequest: KafkaApiMessage {
    associatedtype Response: KafkaResponse
}

public protocol KafkaResponse: KafkaApiMessage {}
