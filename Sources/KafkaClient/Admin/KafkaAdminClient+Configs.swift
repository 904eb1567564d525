import KafkaProtocol

extension KafkaAdminClient {
    /// Describes the configs of each resource. Broker and broker-logger resources go to that broker (as they
    /// must: each broker answers for itself); the rest go to any broker. Throws the first resource's error.
    public func describeConfigs(
        _ resources: [ConfigResource], includeSynonyms: Bool = true, includeDocumentation: Bool = false,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [ConfigResource: [ConfigEntry]] {
        let deadline = resolve(deadline)
        var result: [ConfigResource: [ConfigEntry]] = [:]
        for (target, group) in Self.groupByTarget(resources) {
            var request = DescribeConfigsRequest()
            request.includeSynonyms = includeSynonyms
            request.includeDocumentation = includeDocumentation
            request.resources = group.map {
                DescribeConfigsRequest.DescribeConfigsResource(
                    resourceType: $0.type.rawValue, resourceName: $0.name, configurationKeys: nil)
            }
            let response = try await cluster.send(request, to: target, deadline: deadline)
            for answer in response.results {
                if let error = KafkaBrokerError.check(answer.errorCode, message: answer.errorMessage) {
                    throw KafkaClientError.broker(error)
                }
                let resource = ConfigResource(
                    type: ConfigResourceType(rawValue: answer.resourceType) ?? .unknown, name: answer.resourceName)
                result[resource] = answer.configs.map(Self.configEntry)
            }
        }
        return result
    }

    /// Applies SET/DELETE/APPEND/SUBTRACT operations. Returns the failures by resource.
    public func incrementalAlterConfigs(
        _ changes: [ConfigResource: [AlterConfigOperation]], validateOnly: Bool = false,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [ConfigResource: KafkaBrokerError] {
        let deadline = resolve(deadline)
        var failures: [ConfigResource: KafkaBrokerError] = [:]
        for (target, group) in Self.groupByTarget(Array(changes.keys)) {
            var request = IncrementalAlterConfigsRequest()
            request.validateOnly = validateOnly
            request.resources = group.map { resource in
                IncrementalAlterConfigsRequest.AlterConfigsResource(
                    resourceType: resource.type.rawValue, resourceName: resource.name,
                    configs: (changes[resource] ?? []).map {
                        IncrementalAlterConfigsRequest.AlterableConfig(
                            name: $0.name, configOperation: $0.kind.rawValue, value: $0.value)
                    })
            }
            let response = try await cluster.send(request, to: target, deadline: deadline)
            for answer in response.responses {
                if let error = KafkaBrokerError.check(answer.errorCode, message: answer.errorMessage) {
                    let type = ConfigResourceType(rawValue: answer.resourceType) ?? .unknown
                    failures[ConfigResource(type: type, name: answer.resourceName)] = error
                }
            }
        }
        return failures
    }

    /// Replaces every dynamic config of each resource (the legacy AlterConfigs API). Returns the failures.
    public func alterConfigs(
        _ configs: [ConfigResource: [String: String]], validateOnly: Bool = false,
        deadline: ContinuousClock.Instant? = nil
    ) async throws -> [ConfigResource: KafkaBrokerError] {
        let deadline = resolve(deadline)
        var failures: [ConfigResource: KafkaBrokerError] = [:]
        for (target, group) in Self.groupByTarget(Array(configs.keys)) {
            var request = AlterConfigsRequest()
            request.validateOnly = validateOnly
            request.resources = group.map { resource in
                AlterConfigsRequest.AlterConfigsResource(
                    resourceType: resource.type.rawValue, resourceName: resource.name,
                    configs: (configs[resource] ?? [:]).sorted { $0.key < $1.key }.map {
                        AlterConfigsRequest.AlterableConfig(name: $0.key, value: $0.value)
                    })
            }
            let response = try await cluster.send(request, to: target, deadline: deadline)
            for answer in response.responses {
                if let error = KafkaBrokerError.check(answer.errorCode, message: answer.errorMessage) {
                    let type = ConfigResourceType(rawValue: answer.resourceType) ?? .unknown
                    failures[ConfigResource(type: type, name: answer.resourceName)] = error
                }
            }
        }
        return failures
    }

    /// Broker resources with a broker id go to that broker; everything else to any broker. Order is kept.
    static func groupByTarget(_ resources: [ConfigResource]) -> [(KafkaCluster.Target, [ConfigResource])] {
        var groups: [(KafkaCluster.Target, [ConfigResource])] = []
        for resource in resources {
            var target = KafkaCluster.Target.any
            if resource.type == .broker || resource.type == .brokerLogger, let id = Int32(resource.name) {
                target = .node(id)
            }
            if let index = groups.firstIndex(where: { $0.0 == target }) {
                groups[index].1.append(resource)
            } else {
                groups.append((target, [resource]))
            }
        }
        return groups
    }

    static func configEntry(_ config: DescribeConfigsResponse.DescribeConfigsResourceResult) -> ConfigEntry {
        // v0 has no config source, only is_default; Kafka's client maps it the same way.
        var source = ConfigSource(rawValue: config.configSource) ?? .unknown
        if config.configSource == -1 { source = config.isDefault ? .defaultConfig : .unknown }
        return ConfigEntry(
            name: config.name, value: config.value, source: source, isSensitive: config.isSensitive,
            isReadOnly: config.readOnly,
            synonyms: config.synonyms.map {
                ConfigSynonym(name: $0.name, value: $0.value, source: ConfigSource(rawValue: $0.source) ?? .unknown)
            })
    }
}
