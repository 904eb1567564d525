import KafkaProtocol

// Heartbeat: v0–v4
//
// Behaviour:
// * Keeps a member's session alive (`session.timeout.ms`); a member that stops heartbeating is removed and the
//   group rebalances.
// * REBALANCE_IN_PROGRESS while the group is PreparingRebalance (the member must rejoin); ILLEGAL_GENERATION
//   for another generation; UNKNOWN_MEMBER_ID for members (or groups) the coordinator does not know;
//   FENCED_INSTANCE_ID for a static instance id mapped to another member id; INVALID_GROUP_ID for "".
//
// Version notes:
// * v1: ThrottleTimeMs; v3: GroupInstanceId; v4: flexible
public struct HeartbeatHandler: RequestHandler {
    public typealias Request = HeartbeatRequest
    public static let versions: ClosedRange<Int16> = 0...4

    public init() {}

    public func handle(header: RequestHeader, request: HeartbeatRequest, context: RequestContext) async
        -> HeartbeatResponse
    {
        guard context.authorize(.read, .group, request.groupId) else {
            var refused = HeartbeatResponse()
            refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
            return refused
        }
        let code = await context.groupCoordinator.heartbeat(
            groupId: request.groupId, memberId: request.memberId, groupInstanceId: request.groupInstanceId,
            generationId: request.generationId)
        var response = HeartbeatResponse()
        response.errorCode = code.rawValue
        return response
    }
}
