import KafkaProtocol

// LeaveGroup: v0–v5
//
// Behaviour:
// * Removes the member at once (no session timeout wait) and rebalances the rest of the group.
// * v3+ batch: several members at once, each with its own error; a member named only by group.instance.id (empty
//   member id) is removed administratively. Unknown members → UNKNOWN_MEMBER_ID, a static instance mapped to
//   another member id → FENCED_INSTANCE_ID.
// * v0–v2 carry one member; its error is the top-level error.
//
// Version notes:
// * v1: ThrottleTimeMs; v3: Members batch (KIP-345); v4: flexible; v5: per-member Reason
public struct LeaveGroupHandler: RequestHandler {
    public typealias Request = LeaveGroupRequest
    public static let versions: ClosedRange<Int16> = 0...5

    public init() {}

    public func handle(header: RequestHeader, request: LeaveGroupRequest, context: RequestContext) async
        -> LeaveGroupResponse
    {
        let batched = header.requestApiVersion >= 3
        guard context.authorize(.read, .group, request.groupId) else {
            var refused = LeaveGroupResponse()
            refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
            return refused
        }
        let leaving =
            batched
            ? request.members.map { LeavingMember(memberId: $0.memberId, groupInstanceId: $0.groupInstanceId, reason: $0.reason) }
            : [LeavingMember(memberId: request.memberId, groupInstanceId: nil, reason: nil)]
        let (error, results) = await context.groupCoordinator.leaveGroup(groupId: request.groupId, members: leaving)
        var response = LeaveGroupResponse()
        if batched {
            response.errorCode = error.rawValue
            response.members = zip(request.members, results).map { member, code in
                LeaveGroupResponse.MemberResponse(
                    memberId: member.memberId, groupInstanceId: member.groupInstanceId, errorCode: code.rawValue)
            }
        } else {
            response.errorCode = (error != .noError ? error : results.first ?? .noError).rawValue
        }
        return response
    }
}
