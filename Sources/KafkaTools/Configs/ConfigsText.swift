import KafkaClient

/// The lines kafka-configs prints (`ConfigCommand.describeResourceConfig` and `alterConfig`).
enum ConfigsText {
    /// `Dynamic configs for topic orders are:` / `All configs for broker 1 are:` / for the cluster-wide broker
    /// entity "", `Default configs for brokers in the cluster are:`.
    static func header(entityType: String, entityName: String, all: Bool) -> String {
        if entityName.isEmpty { return "Default configs for \(entityType) in the cluster are:" }
        return "\(all ? "All" : "Dynamic") configs for \(singular(entityType)) \(entityName) are:"
    }

    /// `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`; a sensitive or unset value is `null`.
    static func entry(_ entry: ConfigEntry) -> String {
        let synonyms = entry.synonyms.map { "\($0.source.kafkaName):\($0.name)=\($0.value ?? "null")" }
            .joined(separator: ", ")
        return "  \(entry.name)=\(entry.value ?? "null") sensitive=\(entry.isSensitive) synonyms={\(synonyms)}"
    }

    /// `Completed updating config for topic orders.` / `Completed updating default config for brokers in the
    /// cluster.`
    static func completed(entityType: String, entityName: String) -> String {
        entityName.isEmpty
            ? "Completed updating default config for \(entityType) in the cluster."
            : "Completed updating config for \(singular(entityType)) \(entityName)."
    }

    /// Scala's `entityType.dropRight(1)`: `topics` → `topic`, `client-metrics` → `client-metric`.
    static func singular(_ entityType: String) -> String { String(entityType.dropLast()) }
}
