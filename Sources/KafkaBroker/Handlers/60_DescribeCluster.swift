import KafkaProtocol

// DescribeCluster: v0–v2
//
// Behaviour:
// * This node only, at the endpoint advertised for the listener the request came in on; it is also the
//   controller. Anyone may ask (Kafka checks nothing); when asked for, the cluster authorized operations are the
//   bit set of the CLUSTER operations the principal may do (0 without DESCRIBE on the cluster; all of them when
//   no authorizer is configured), as AuthHelper.computeDescribeClusterResponse does.
// * v1 EndpointType: BROKERS (1) is answered; CONTROLLERS (2) gets INVALID_REQUEST, since the controller
//   listener is not served.
//
// Version notes:
// * v1: EndpointType
// * v2: IncludeFencedBrokers, IsFenced (never fenced here)
public struct DescribeClusterHandler: RequestHandler {
    public typealias Request = DescribeClusterRequest
    public static let versions: ClosedRange<Int16> = 0...2

    public init() {}

    public func handle(header: RequestHeader, request: DescribeClusterRequest, context: RequestContext) async
        -> DescribeClusterResponse
    {
        var response = DescribeClusterResponse()
        response.endpointType = request.endpointType
        if header.requestApiVersion >= 1, request.endpointType != 1 {
            response.errorCode = ErrorCode.invalidRequest.rawValue
            response.errorMessage = "The controller endpoints are not served by this broker"
            return response
        }
        let endpoint = context.advertisedEndpoint
        response.clusterId = context.clusterId
        response.controllerId = context.nodeId
        response.brokers = [
            DescribeClusterResponse.DescribeClusterBroker(
                brokerId: context.nodeId, host: endpoint.host, port: Int32(endpoint.port), rack: nil)
        ]
        if request.includeClusterAuthorizedOperations {
            response.clusterAuthorizedOperations = ClusterOperations.authorized(context)
        }
        return response
    }
}
