import KafkaProtocol

// DescribeConfigs: v0–v4
//
// Behaviour:
// * TOPIC (2): every Kafka 4.x topic config with its effective value and source: DYNAMIC_TOPIC_CONFIG for an
//   override, DYNAMIC_DEFAULT_BROKER_CONFIG for a cluster default set through AlterConfigs, STATIC_BROKER_CONFIG
//   when the properties file set a synonym (value converted, e.g. log.retention.hours=24 → retention.ms 86400000),
//   else DEFAULT_CONFIG. Synonyms (v1+, when asked) list the override and each broker key that has a value.
// * BROKER (4), by this node's id or "" (the cluster default): the settings the broker honours; only the keys that
//   feed topic configs are not read-only.
// * ConfigurationKeys narrows the list; unknown keys are left out, as Apache does. Documentation is always null.
// * An unknown topic is UNKNOWN_TOPIC_OR_PARTITION; another broker id or resource type INVALID_REQUEST.
// * With an authorizer: DESCRIBE_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED) or, for BROKER, on the
//   cluster (else CLUSTER_AUTHORIZATION_FAILED), checked before existence.
//
// Version notes:
// * v1: IncludeSynonyms, ConfigSource (replaces IsDefault), synonyms
// * v3: IncludeDocumentation, ConfigType, Documentation
// * v4: flexible
public struct DescribeConfigsHandler: RequestHandler {
    public typealias Request = DescribeConfigsRequest
    public static let versions: ClosedRange<Int16> = 0...4

    public init() {}

    public func handle(header: RequestHeader, request: DescribeConfigsRequest, context: RequestContext) async
        -> DescribeConfigsResponse
    {
        var response = DescribeConfigsResponse()
        for resource in request.resources {
            var result = DescribeConfigsResponse.DescribeConfigsResult(
                errorMessage: nil, resourceType: resource.resourceType, resourceName: resource.resourceName)
            switch await describe(resource, context: context) {
            case .failure(let error):
                result.errorCode = error.code.rawValue
                result.errorMessage = error.message
            case .success(let configs):
                let keys = resource.configurationKeys.map(Set.init)
                result.configs = configs.filter { keys?.contains($0.name) ?? true }.map {
                    entry($0, synonyms: request.includeSynonyms, version: header.requestApiVersion)
                }
            }
            response.results.append(result)
        }
        return response
    }

    private func describe(_ resource: DescribeConfigsRequest.DescribeConfigsResource, context: RequestContext) async
        -> Result<[ResolvedConfig], AdminError>
    {
        let manager = context.topicManager
        let target: ConfigResource
        switch ConfigResource.parse(type: resource.resourceType, name: resource.resourceName, nodeId: context.nodeId) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): target = parsed
        }
        if let refused = target.authorizationError(.describeConfigs, context: context) { return .failure(refused) }
        switch target {
        case .topic(let name):
            guard await manager.topic(named: name) != nil else { return .failure(ConfigResource.unknownTopic(name)) }
            return .success(await manager.configResolver.resolveAll(overrides: manager.configOverrides(of: name)))
        case .brokerDefault, .thisBroker:
            return .success(BrokerConfigValues.resolve(context.config, dynamicDefaults: await manager.dynamicBrokerDefaults))
        }
    }

    /// Fields a version does not carry stay at their defaults: the encoder refuses anything else.
    private func entry(_ config: ResolvedConfig, synonyms: Bool, version: Int16)
        -> DescribeConfigsResponse.DescribeConfigsResourceResult
    {
        DescribeConfigsResponse.DescribeConfigsResourceResult(
            name: config.name, value: config.value, readOnly: config.readOnly,
            isDefault: version == 0 && config.isDefault, configSource: version >= 1 ? config.source.rawValue : -1,
            isSensitive: config.isSensitive,
            synonyms: synonyms && version >= 1
                ? config.synonyms.map { .init(name: $0.name, value: $0.value, source: $0.source.rawValue) } : [],
            configType: version >= 3 ? config.type.rawValue : 0, documentation: nil)
    }
}
