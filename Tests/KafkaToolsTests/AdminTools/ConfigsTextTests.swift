import KafkaClient
import Testing

@testable import KafkaTools

@Suite struct ConfigsTextTests {
    @Test func headers() {
        #expect(
            ConfigsText.header(entityType: "topics", entityName: "orders", all: false)
                == "Dynamic configs for topic orders are:")
        #expect(
            ConfigsText.header(entityType: "brokers", entityName: "1", all: true) == "All configs for broker 1 are:")
        #expect(
            ConfigsText.header(entityType: "brokers", entityName: "", all: true)
                == "Default configs for brokers in the cluster are:")
        #expect(
            ConfigsText.header(entityType: "client-metrics", entityName: "m", all: false)
                == "Dynamic configs for client-metric m are:")
    }

    @Test func entriesWithSynonymsAndSensitiveValues() {
        let retention = ConfigEntry(
            name: "retention.ms", value: "3600000", source: .dynamicTopicConfig,
            synonyms: [
                ConfigSynonym(name: "retention.ms", value: "3600000", source: .dynamicTopicConfig),
                ConfigSynonym(name: "log.retention.hours", value: "168", source: .defaultConfig),
            ])
        #expect(
            ConfigsText.entry(retention)
                == "  retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000, DEFAULT_CONFIG:log.retention.hours=168}"
        )
        let password = ConfigEntry(
            name: "ssl.keystore.password", value: nil, source: .staticBrokerConfig, isSensitive: true)
        #expect(ConfigsText.entry(password) == "  ssl.keystore.password=null sensitive=true synonyms={}")
        let group = ConfigEntry(
            name: "consumer.session.timeout.ms", value: "45000", source: .groupConfig,
            synonyms: [ConfigSynonym(name: "consumer.session.timeout.ms", value: nil, source: .groupConfig)])
        #expect(ConfigsText.entry(group).hasSuffix("synonyms={DYNAMIC_GROUP_CONFIG:consumer.session.timeout.ms=null}"))
    }

    @Test func completion() {
        #expect(
            ConfigsText.completed(entityType: "topics", entityName: "X") == "Completed updating config for topic X.")
        #expect(
            ConfigsText.completed(entityType: "brokers", entityName: "1") == "Completed updating config for broker 1.")
        #expect(
            ConfigsText.completed(entityType: "brokers", entityName: "")
                == "Completed updating default config for brokers in the cluster.")
    }
}
