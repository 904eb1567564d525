import KafkaProtocol

// JoinGroup: v0–v9
//
// Behaviour (Kafka's classic group coordinator, see Groups/GroupCoordinator+Join.swift):
// * The request waits until the join phase ends: the first rebalance of an empty group waits
//   `group.initial.rebalance.delay.ms` (longer while members keep arriving, at most the rebalance timeout);
//   later ones end when every member rejoined or at the longest rebalance timeout. The leader gets every
//   member's metadata for the protocol chosen by vote among those all members support.
// * v4+: a member without an id gets MEMBER_ID_REQUIRED with its new id and must join again with it.
// * session.timeout.ms outside `group.min.session.timeout.ms`..`group.max.session.timeout.ms` →
//   INVALID_SESSION_TIMEOUT; a new member of a full group (`group.max.size`) → GROUP_MAX_SIZE_REACHED; an
//   empty group id → INVALID_GROUP_ID; protocols that do not fit the group → INCONSISTENT_GROUP_PROTOCOL.
// * Static members (v5+ group.instance.id): a restarted instance takes over its old member id's place; in a
//   Stable group whose protocol choice does not change there is no rebalance; the old instance is fenced
//   (FENCED_INSTANCE_ID), as is a request naming the instance with another member id.
//
// * With an authorizer: READ on the group, else GROUP_AUTHORIZATION_FAILED (the same for Heartbeat, LeaveGroup
//   and SyncGroup).
//
// Version notes:
// * v0: no RebalanceTimeoutMs (the session timeout is used)
// * v4: MEMBER_ID_REQUIRED; v5: GroupInstanceId; v6: flexible
// * v7: ProtocolType and nullable ProtocolName in the response; v8: Reason
// * v9: SkipAssignment, set for a static leader that rejoins a Stable group
public struct JoinGroupHandler: RequestHandler {
    public typealias Request = JoinGroupRequest
    public static let versions: ClosedRange<Int16> = 0...9

    public init() {}

    public func handle(header: RequestHeader, request: JoinGroupRequest, context: RequestContext) async
        -> JoinGroupResponse
    {
        let version = header.requestApiVersion
        guard context.authorize(.read, .group, request.groupId) else {
            var refused = JoinGroupResponse()
            refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
            // Before v7 the protocol name cannot be null.
            refused.protocolName = version >= 7 ? nil : ""
            return refused
        }
        let parameters = JoinGroupParameters(
            groupId: request.groupId, memberId: request.memberId, groupInstanceId: request.groupInstanceId,
            requireKnownMemberId: version >= 4, supportsSkippingAssignment: version >= 9,
            clientId: header.clientId ?? "", clientHost: context.clientHost,
            rebalanceTimeoutMs: version == 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
            sessionTimeoutMs: request.sessionTimeoutMs, protocolType: request.protocolType,
            protocols: request.protocols.map { MemberProtocol(name: $0.name, metadata: $0.metadata) },
            reason: request.reason ?? "not provided")
        let outcome = await context.groupCoordinator.joinGroup(parameters)
        var response = JoinGroupResponse()
        response.errorCode = outcome.error.rawValue
        response.generationId = outcome.generationId
        response.protocolType = outcome.protocolType
        // Before v7 the protocol name cannot be null.
        response.protocolName = version >= 7 ? outcome.protocolName : (outcome.protocolName ?? "")
        response.leader = outcome.leaderId
        response.skipAssignment = outcome.skipAssignment
        response.memberId = outcome.memberId
        response.members = outcome.members
        return response
    }
}
