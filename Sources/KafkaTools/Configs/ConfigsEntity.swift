import KafkaCLISupport
import KafkaClient

/// An entity type that kafka-configs reaches through DescribeConfigs/IncrementalAlterConfigs, with the resource
/// type and the config source that counts as "dynamic" for it (`ConfigCommand.getResourceConfig`).
struct ConfigsEntity: Sendable, Hashable {
    let entityType: String
    let name: String

    /// nil for the entity types that use other APIs (users, clients, ips).
    var resource: ConfigResource? {
        let type: ConfigResourceType
        switch entityType {
        case "topics": type = .topic
        case "brokers": type = .broker
        case "broker-loggers": type = .brokerLogger
        case "client-metrics": type = .clientMetrics
        case "groups": type = .group
        default: return nil
        }
        return ConfigResource(type: type, name: name)
    }

    /// The source shown without `--all`; nil (broker loggers) shows everything.
    var dynamicSource: ConfigSource? {
        switch entityType {
        case "topics": return .dynamicTopicConfig
        case "brokers": return name.isEmpty ? .dynamicDefaultBrokerConfig : .dynamicBrokerConfig
        case "client-metrics": return .clientMetricsConfig
        case "groups": return .groupConfig
        default: return nil
        }
    }

    /// The checks Apache makes before asking: a legal topic name, a numeric broker id.
    func validate() throws(ConfigsFailure) {
        switch entityType {
        case "topics":
            if !name.isEmpty, let reason = TopicName.invalidReason(name) { throw .execution(reason) }
        case "brokers", "broker-loggers":
            if !name.isEmpty && JoptParsedArguments.javaInteger(name) == nil {
                throw .plain("The entity name for \(entityType) must be a valid integer broker id, found: \(name)")
            }
        default:
            break
        }
    }
}
