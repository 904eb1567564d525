import KafkaProtocol

// InitProducerId: v0–v5
//
// Behaviour:
// * Idempotent producers (null transactional id): a fresh producer id with epoch 0 on every call, as Kafka's
//   transaction coordinator does for them (a v3+ request carrying its old id and epoch also gets a new id, so its
//   sequences restart at 0 without colliding with the old state). Ids come from `ProducerIdAllocator`.
// * A transactional id: transactions are not implemented (SKIPPED.md), so the answer is INVALID_REQUEST with
//   producer id -1, which clients treat as fatal instead of retrying forever; TRANSACTIONAL_ID_AUTHORIZATION_FAILED
//   would send users hunting for ACLs.
// * With an authorizer: WRITE on the transactional id (TRANSACTIONAL_ID_AUTHORIZATION_FAILED); idempotent
//   producers need IDEMPOTENT_WRITE on the cluster or WRITE on some topic (CLUSTER_AUTHORIZATION_FAILED).
//
// Version notes:
// * v2: flexible
// * v3: ProducerId/ProducerEpoch in the request (KIP-360 epoch bump)
// * v4: PRODUCER_FENCED may be returned; v5: TRANSACTION_ABORTABLE (both transactional only)
public struct InitProducerIdHandler: RequestHandler {
    public typealias Request = InitProducerIdRequest
    public static let versions: ClosedRange<Int16> = 0...5

    public init() {}

    public func handle(header: RequestHeader, request: InitProducerIdRequest, context: RequestContext) async
        -> InitProducerIdResponse
    {
        var response = InitProducerIdResponse()
        if let refusal = authorizationError(request, context: context) {
            response.errorCode = refusal.rawValue
            response.producerId = -1
            response.producerEpoch = -1
            return response
        }
        guard request.transactionalId == nil else {
            response.errorCode = ErrorCode.invalidRequest.rawValue
            response.producerId = -1
            response.producerEpoch = -1
            return response
        }
        response.producerId = BrokerDataPath.of(context.topicManager).producerIds.allocate()
        response.producerEpoch = 0
        return response
    }

    /// WRITE on the transactional id; for an idempotent producer IDEMPOTENT_WRITE on the cluster or WRITE on some
    /// topic (KafkaApis.handleInitProducerIdRequest).
    private func authorizationError(_ request: InitProducerIdRequest, context: RequestContext) -> ErrorCode? {
        guard context.authorizer != nil else { return nil }
        if let transactionalId = request.transactionalId {
            return context.authorize(.write, .transactionalId, transactionalId)
                ? nil : .transactionalIdAuthorizationFailed
        }
        if context.authorizeCluster(.idempotentWrite, logIfDenied: false) || context.authorizeAny(.write, .topic) {
            return nil
        }
        return .clusterAuthorizationFailed
    }
}
