import KafkaProtocol

// SyncGroup: v0–v5
//
// Behaviour:
// * CompletingRebalance: every member waits until the leader's SyncGroup brings the assignment; the group's
//   metadata (with the assignment) is written to `__consumer_offsets` before anyone is answered, then the group
//   is Stable. Members the leader left out get an empty assignment.
// * Stable: the member's current assignment at once (a static member that restarted gets its old one).
// * PreparingRebalance → REBALANCE_IN_PROGRESS; another generation → ILLEGAL_GENERATION; unknown member →
//   UNKNOWN_MEMBER_ID; a protocol type or name that is not the group's (v5+) → INCONSISTENT_GROUP_PROTOCOL;
//   zombie static instance → FENCED_INSTANCE_ID; a failed write → NOT_COORDINATOR or COORDINATOR_NOT_AVAILABLE
//   (Kafka's mapping) and the group rebalances.
//
// Version notes:
// * v1: ThrottleTimeMs; v3: GroupInstanceId; v4: flexible; v5: ProtocolType/ProtocolName in both directions
public struct SyncGroupHandler: RequestHandler {
    public typealias Request = SyncGroupRequest
    public static let versions: ClosedRange<Int16> = 0...5

    public init() {}

    public func handle(header: RequestHeader, request: SyncGroupRequest, context: RequestContext) async
        -> SyncGroupResponse
    {
        guard context.authorize(.read, .group, request.groupId) else {
            var refused = SyncGroupResponse()
            refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
            return refused
        }
        let parameters = SyncGroupParameters(
            groupId: request.groupId, generationId: request.generationId, memberId: request.memberId,
            groupInstanceId: request.groupInstanceId, protocolType: request.protocolType,
            protocolName: request.protocolName,
            assignments: request.assignments.map { (memberId: $0.memberId, assignment: $0.assignment) })
        let outcome = await context.groupCoordinator.syncGroup(parameters)
        var response = SyncGroupResponse()
        response.errorCode = outcome.error.rawValue
        response.protocolType = outcome.protocolType
        response.protocolName = outcome.protocolName
        response.assignment = outcome.assignment
        return response
    }
}
