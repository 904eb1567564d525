/// Who a connection acts as: `User:alice` after SASL, `User:ANONYMOUS` on a PLAINTEXT listener, or the TLS client
/// certificate's distinguished name (`User:CN=...`) with mutual TLS, as Kafka's default principal builder does.
public struct KafkaPrincipal: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var name: String

    public init(type: String = "User", name: String) {
        self.type = type
        self.name = name
    }

    public static let anonymous = KafkaPrincipal(name: "ANONYMOUS")

    public var description: String { "\(type):\(name)" }

    /// Parses `Type:name` (the form of `super.users` entries and ACL principals); nil without a colon.
    public init?(parsing text: some StringProtocol) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let type = text[..<colon]
        let name = text[text.index(after: colon)...]
        guard !type.isEmpty else { return nil }
        self.init(type: String(type), name: String(name))
    }
}
