import KafkaProtocol

// AlterConfigs: v0–v2
//
// Behaviour:
// * Replaces the whole set of overrides of a TOPIC (2) with the given ones (a null value drops the key), or the
//   cluster-wide broker defaults (BROKER 4, name ""; stored in <log.dir>/__broker_configs.properties and applied
//   to every partition log without its own override for the key).
// * With an authorizer: ALTER_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED) or, for BROKER, on the
//   cluster (else CLUSTER_AUTHORIZATION_FAILED).
// * Validation as for CreateTopics (INVALID_CONFIG with Apache's message); both kinds are persisted in the log
//   dir and applied to the partition logs at once. validateOnly checks only.
//
// Version notes:
// * v1: same as v0
// * v2: flexible
public struct AlterConfigsHandler: RequestHandler {
    public typealias Request = AlterConfigsRequest
    public static let versions: ClosedRange<Int16> = 0...2

    public init() {}

    public func handle(header: RequestHeader, request: AlterConfigsRequest, context: RequestContext) async
        -> AlterConfigsResponse
    {
        var response = AlterConfigsResponse()
        for resource in request.resources {
            var result = AlterConfigsResponse.AlterConfigsResourceResponse(
                errorMessage: nil, resourceType: resource.resourceType, resourceName: resource.resourceName)
            if let problem = await alter(resource, validateOnly: request.validateOnly, context: context) {
                result.errorCode = problem.code.rawValue
                result.errorMessage = problem.message
            }
            response.responses.append(result)
        }
        return response
    }

    private func alter(_ resource: AlterConfigsRequest.AlterConfigsResource, validateOnly: Bool, context: RequestContext)
        async -> AdminError?
    {
        let parsed = ConfigResource.parse(type: resource.resourceType, name: resource.resourceName, nodeId: context.nodeId)
        guard case .success(let target) = parsed else {
            if case .failure(let error) = parsed { return error }
            return nil
        }
        if let refused = target.authorizationError(.alterConfigs, context: context) { return refused }
        if case .failure(let error) = await ConfigWriter.current(target, manager: context.topicManager) { return error }
        var values: [String: String] = [:]
        for config in resource.configs { values[config.name] = config.value }
        return await ConfigWriter.write(values, to: target, validateOnly: validateOnly, manager: context.topicManager)
    }
}
