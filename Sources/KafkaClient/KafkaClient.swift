// KafkaClient: filled in by later issues (see ARCHITECTURE in docs/architecture.md).
public enum KafkaClientModule {
    /// The module's name, so the empty target still exports a symbol.
    public static let name = "KafkaClient"
}
