// Placeholder until kafka-protocol-gen writes this file.
public enum ApiKey: Int16, Sendable, CaseIterable {
    case produce = 0
}
