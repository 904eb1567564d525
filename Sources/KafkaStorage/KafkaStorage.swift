// KafkaStorage: filled in by later issues (see ARCHITECTURE in docs/architecture.md).
public enum KafkaStorageModule {
    /// The module's name, so the empty target still exports a symbol.
    public static let name = "KafkaStorage"
}
