import KafkaCLISupport
import KafkaClient

/// `--output json` for `--describe`; the field names are documented in docs/json-output.md and must not change.
enum ConfigsJSON {
    static func entity(entityType: String, entityName: String, entries: [ConfigEntry]) -> JSONValue {
        .object([
            ("entityType", .string(entityType)),
            ("entityName", .string(entityName)),
            ("default", .bool(entityName.isEmpty)),
            ("configs", .array(entries.map(entry))),
        ])
    }

    static func describe(_ entities: [JSONValue]) -> JSONValue { .object([("entities", .array(entities))]) }

    private static func entry(_ entry: ConfigEntry) -> JSONValue {
        .object([
            ("name", .string(entry.name)),
            ("value", .optional(entry.value)),
            ("source", .string(entry.source.kafkaName)),
            ("sensitive", .bool(entry.isSensitive)),
            ("readOnly", .bool(entry.isReadOnly)),
            (
                "synonyms",
                .array(
                    entry.synonyms.map { synonym in
                        .object([
                            ("name", .string(synonym.name)), ("value", .optional(synonym.value)),
                            ("source", .string(synonym.source.kafkaName)),
                        ])
                    })
            ),
        ])
    }
}
