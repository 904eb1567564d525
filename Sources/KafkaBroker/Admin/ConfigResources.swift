import KafkaProtocol

/// The config resources the admin config APIs accept, and how a request names them.
enum ConfigResource {
    case topic(String)
    /// The cluster-wide broker default (resource name "").
    case brokerDefault
    /// This node, by its id.
    case thisBroker

    static let topicType: Int8 = 2
    static let brokerType: Int8 = 4

    static func parse(type: Int8, name: String, nodeId: Int32) -> Result<ConfigResource, AdminError> {
        switch type {
        case topicType:
            return .success(.topic(name))
        case brokerType:
            if name.isEmpty { return .success(.brokerDefault) }
            if name == String(nodeId) { return .success(.thisBroker) }
            return .failure(
                AdminError(.invalidRequest, "Unexpected broker id, expected \(nodeId) or empty string, but received \(name)"))
        default:
            return .failure(AdminError(.invalidRequest, "Unsupported resource type \(type)"))
        }
    }

    static func unknownTopic(_ name: String) -> AdminError {
        AdminError(.unknownTopicOrPartition, "The topic '\(name)' does not exist.")
    }
}

/// Applies a new full set of values to a config resource (topic overrides or the broker defaults), validated;
/// shared by AlterConfigs and IncrementalAlterConfigs.
enum ConfigWriter {
    static func current(_ resource: ConfigResource, manager: TopicManager) async -> Result<[String: String], AdminError> {
        switch resource {
        case .topic(let name):
            guard await manager.topic(named: name) != nil else { return .failure(ConfigResource.unknownTopic(name)) }
            return .success(await manager.configOverrides(of: name))
        case .brokerDefault:
            return .success(await manager.dynamicBrokerDefaults)
        case .thisBroker:
            return .failure(AdminError(.invalidRequest, "Per-broker dynamic configs are not supported; use the cluster default (entity \"\")"))
        }
    }

    static func write(_ values: [String: String], to resource: ConfigResource, validateOnly: Bool, manager: TopicManager)
        async -> AdminError?
    {
        switch resource {
        case .topic(let name):
            if let problem = TopicConfigs.validate(values) { return AdminError(.invalidConfig, problem) }
            if validateOnly { return nil }
            do {
                try await manager.setTopicConfigs(name, values)
            } catch {
                return AdminError(.unknownServerError, "\(error)")
            }
        case .brokerDefault:
            if let problem = BrokerConfigValues.validate(values) { return AdminError(.invalidConfig, problem) }
            if validateOnly { return nil }
            do {
                try await manager.setDynamicBrokerDefaults(values)
            } catch {
                return AdminError(.unknownServerError, "\(error)")
            }
        case .thisBroker:
            return AdminError(.invalidRequest, "Per-broker dynamic configs are not supported; use the cluster default (entity \"\")")
        }
        return nil
    }
}
