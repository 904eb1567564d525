import KafkaCLISupport
import KafkaProperties

/// The reader and producer properties Apache's `readerProps()` and `producerProps()` build from the options.
/// `load` reads a properties file (tests pass a fake).
struct ConsoleProducerProperties {
    typealias Loader = (String) throws -> [String: String]

    let settings: ConsoleProducerSettings
    let load: Loader

    init(settings: ConsoleProducerSettings, load: @escaping Loader = PropertiesFile.load(path:)) {
        self.settings = settings
        self.load = load
    }

    /// `--reader-config`, then `topic`, then `--reader-property` on top.
    func readerProperties() throws -> [String: String] {
        let arguments = settings.arguments
        var properties: [String: String] = [:]
        if let path = try arguments.value("reader-config") {
            properties = try load(path)
        }
        properties["topic"] = try arguments.value("topic")
        // parseKeyValueArgs: `k` and `k=` are `k=""`, so this cannot fail.
        properties.merge(try KeyValueArguments.dictionary(arguments.values(settings.readerPropertyOption))) { _, new in
            new
        }
        return properties
    }

    /// `--command-config`, `--command-property` on top, the forced settings, then each option through
    /// `maybeMergeOptions`: an option given explicitly wins, else a value already set stays, else the option's
    /// default applies.
    func producerProperties() throws -> [String: String] {
        let arguments = settings.arguments
        var properties: [String: String] = [:]
        if let path = try arguments.value(settings.commandConfigOption) {
            properties = try load(path)
        }
        properties.merge(try KeyValueArguments.dictionary(arguments.values(settings.commandPropertyOption))) { _, new in
            new
        }
        properties["bootstrap.servers"] = settings.bootstrapServers
        properties["compression.type"] = try settings.compressionCodec()
        if properties["client.id"] == nil { properties["client.id"] = "console-producer" }
        properties["key.serializer"] = "org.apache.kafka.common.serialization.ByteArraySerializer"
        properties["value.serializer"] = "org.apache.kafka.common.serialization.ByteArraySerializer"
        for (property, option) in ConsoleProducerOptions.producerMerges
        where arguments.has(option) || properties[property] == nil {
            properties[property] = try arguments.consoleProducerValue(option)
        }
        return properties
    }
}
