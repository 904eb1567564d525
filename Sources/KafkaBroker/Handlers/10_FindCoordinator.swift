import KafkaProtocol

// FindCoordinator: v0–v6
//
// Behaviour:
// * Key type 0 (group): this node, for any group id; `__consumer_offsets` is created on first use (with
//   `offsets.topic.num.partitions`, compacted, as Kafka creates it), so the answer is immediate instead of
//   Kafka's COORDINATOR_NOT_AVAILABLE while the topic is being created.
// * Key type 1 (transaction): COORDINATOR_NOT_AVAILABLE, since transactions are not implemented (SKIPPED.md);
//   clients keep retrying, as they would while Kafka loads `__transaction_state`.
// * Key type 2 (share) and unknown types: INVALID_REQUEST.
// * With an authorizer: DESCRIBE on the group (else GROUP_AUTHORIZATION_FAILED) or on the transactional id
//   (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED).
// * Error messages are Kafka's `Errors.message()`: "NONE" on success; the node is -1/""/-1 on errors.
//
// Version notes:
// * v1: KeyType, ThrottleTimeMs, ErrorMessage
// * v3: flexible
// * v4: batched CoordinatorKeys and per-key results replace Key and the top-level fields
// * v5: TRANSACTION_ABORTABLE may be returned (transactions only); v6: share keys
public struct FindCoordinatorHandler: RequestHandler {
    public typealias Request = FindCoordinatorRequest
    public static let versions: ClosedRange<Int16> = 0...6

    public init() {}

    public func handle(header: RequestHeader, request: FindCoordinatorRequest, context: RequestContext) async
        -> FindCoordinatorResponse
    {
        var response = FindCoordinatorResponse()
        if header.requestApiVersion >= 4 {
            for key in request.coordinatorKeys {
                let (code, message) = await lookup(key: key, keyType: request.keyType, context: context)
                let found = code == .noError
                response.coordinators.append(
                    FindCoordinatorResponse.Coordinator(
                        key: key, nodeId: found ? context.nodeId : -1, host: found ? context.advertisedEndpoint.host : "",
                        port: found ? Int32(context.advertisedEndpoint.port) : -1, errorCode: code.rawValue,
                        errorMessage: message))
            }
            return response
        }
        let (code, message) = await lookup(key: request.key, keyType: request.keyType, context: context)
        let found = code == .noError
        response.errorCode = code.rawValue
        response.errorMessage = message
        response.nodeId = found ? context.nodeId : -1
        response.host = found ? context.advertisedEndpoint.host : ""
        response.port = found ? Int32(context.advertisedEndpoint.port) : -1
        return response
    }

    private func lookup(key: String, keyType: Int8, context: RequestContext) async -> (ErrorCode, String) {
        switch keyType {
        case 0 where !context.authorize(.describe, .group, key):
            return (.groupAuthorizationFailed, AuthorizationText.group)
        case 1 where !context.authorize(.describe, .transactionalId, key):
            return (.transactionalIdAuthorizationFailed, AuthorizationText.transactionalId)
        case 0:
            guard await context.groupCoordinator.ensureOffsetsTopic() else {
                return (.coordinatorNotAvailable, "The coordinator is not available.")
            }
            return (.noError, "NONE")
        case 1:
            return (.coordinatorNotAvailable, "The coordinator is not available.")
        default:
            return (.invalidRequest, "Unknown or unsupported coordinator key type \(keyType).")
        }
    }
}
