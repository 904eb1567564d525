import KafkaProtocol

// IncrementalAlterConfigs: v0–v1
//
// Behaviour:
// * SET (0), DELETE (1), APPEND (2) and SUBTRACT (3) on a TOPIC's overrides or the cluster-wide broker defaults
//   (BROKER "", persisted and applied as for AlterConfigs). APPEND/SUBTRACT work on LIST configs only and start
//   from the value in effect; on other types they are INVALID_CONFIG ("Config value append is not allowed for
//   config key: ...").
// * With an authorizer: ALTER_CONFIGS on the topic or, for BROKER, on the cluster (TOPIC_/CLUSTER_AUTHORIZATION_FAILED).
// * A key twice in one resource is INVALID_REQUEST; the result is validated as a whole, persisted and applied to
//   the partition logs. validateOnly checks only.
//
// Version notes:
// * v1: flexible
public struct IncrementalAlterConfigsHandler: RequestHandler {
    public typealias Request = IncrementalAlterConfigsRequest
    public static let versions: ClosedRange<Int16> = 0...1

    public init() {}

    public func handle(header: RequestHeader, request: IncrementalAlterConfigsRequest, context: RequestContext) async
        -> IncrementalAlterConfigsResponse
    {
        var response = IncrementalAlterConfigsResponse()
        for resource in request.resources {
            var result = IncrementalAlterConfigsResponse.AlterConfigsResourceResponse(
                errorMessage: nil, resourceType: resource.resourceType, resourceName: resource.resourceName)
            if let problem = await alter(resource, validateOnly: request.validateOnly, context: context) {
                result.errorCode = problem.code.rawValue
                result.errorMessage = problem.message
            }
            response.responses.append(result)
        }
        return response
    }

    private func alter(
        _ resource: IncrementalAlterConfigsRequest.AlterConfigsResource, validateOnly: Bool, context: RequestContext
    ) async -> AdminError? {
        let manager = context.topicManager
        let target: ConfigResource
        switch ConfigResource.parse(type: resource.resourceType, name: resource.resourceName, nodeId: context.nodeId) {
        case .failure(let error): return error
        case .success(let parsed): target = parsed
        }
        if let refused = target.authorizationError(.alterConfigs, context: context) { return refused }
        var values: [String: String]
        switch await ConfigWriter.current(target, manager: manager) {
        case .failure(let error): return error
        case .success(let current): values = current
        }
        let names = resource.configs.map(\.name)
        if Set(names).count != names.count {
            return AdminError(.invalidRequest, "Error due to duplicate config keys")
        }
        let resolver = await manager.configResolver
        for config in resource.configs {
            switch config.configOperation {
            case 0:
                values[config.name] = config.value
            case 1:
                values[config.name] = nil
            case 2, 3:
                guard case .topic = target, let definition = TopicConfigs.definition(config.name),
                    definition.type == .list
                else {
                    let verb = config.configOperation == 2 ? "append" : "subtract"
                    return AdminError(.invalidConfig, "Config value \(verb) is not allowed for config key: \(config.name)")
                }
                let inEffect = values[config.name] ?? resolver.resolve(definition, overrides: [:]).value ?? ""
                var items = inEffect.split(separator: ",").map { String($0).trimmingBlanksForConfig }.filter { !$0.isEmpty }
                let changes = (config.value ?? "").split(separator: ",").map { String($0).trimmingBlanksForConfig }
                if config.configOperation == 2 {
                    for change in changes where !items.contains(change) { items.append(change) }
                } else {
                    items.removeAll { changes.contains($0) }
                }
                values[config.name] = items.joined(separator: ",")
            default:
                return AdminError(.invalidRequest, "Unknown config operation \(config.configOperation)")
            }
        }
        return await ConfigWriter.write(values, to: target, validateOnly: validateOnly, manager: manager)
    }
}
