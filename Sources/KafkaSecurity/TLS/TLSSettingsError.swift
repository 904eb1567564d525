/// A TLS setting that cannot be used: one line naming the key or file and the reason, never a password.
public struct TLSSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
