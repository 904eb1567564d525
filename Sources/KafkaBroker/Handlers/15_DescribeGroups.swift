import KafkaProtocol

// DescribeGroups: v0–v6
//
// Behaviour:
// * Each group's state, protocol type, chosen protocol and members (client id, `/host`, instance id). Member
//   metadata and assignments, and the protocol name, are filled only while the group is Stable (Kafka's
//   summary; otherwise its summaryNoMetadata).
// * A group that does not exist is described as Dead with no members; from v6 with GROUP_ID_NOT_FOUND and
//   "Group <id> not found." (KIP-1043), as Kafka 4 answers.
// * With an authorizer: DESCRIBE on the group, else GROUP_AUTHORIZATION_FAILED for it.
// * Authorized operations are never computed (left at the "not requested" value).
//
// Version notes:
// * v1: ThrottleTimeMs; v3: IncludeAuthorizedOperations; v4: GroupInstanceId; v5: flexible; v6: ErrorMessage
public struct DescribeGroupsHandler: RequestHandler {
    public typealias Request = DescribeGroupsRequest
    public static let versions: ClosedRange<Int16> = 0...6

    public init() {}

    public func handle(header: RequestHeader, request: DescribeGroupsRequest, context: RequestContext) async
        -> DescribeGroupsResponse
    {
        var response = DescribeGroupsResponse()
        for groupId in request.groups {
            guard context.authorize(.describe, .group, groupId) else {
                var refused = DescribeGroupsResponse.DescribedGroup()
                refused.groupId = groupId
                refused.errorCode = ErrorCode.groupAuthorizationFailed.rawValue
                response.groups.append(refused)
                continue
            }
            let (error, summary) = await context.groupCoordinator.describeGroup(groupId)
            var described = DescribeGroupsResponse.DescribedGroup()
            described.groupId = groupId
            if let error {
                described.errorCode = error.rawValue
            } else if let state = summary.state {
                described.groupState = state.rawValue
                described.protocolType = summary.protocolType
                described.protocolData = summary.protocolName
                described.members = summary.members.map { member in
                    var entry = DescribeGroupsResponse.DescribedGroupMember()
                    entry.memberId = member.memberId
                    entry.groupInstanceId = member.groupInstanceId
                    entry.clientId = member.clientId
                    entry.clientHost = member.clientHost
                    entry.memberMetadata = member.metadata
                    entry.memberAssignment = member.assignment
                    return entry
                }
            } else {
                described.groupState = GroupState.dead.rawValue
                if header.requestApiVersion >= 6 {
                    described.errorCode = ErrorCode.groupIdNotFound.rawValue
                    described.errorMessage = "Group \(groupId) not found."
                }
            }
            response.groups.append(described)
        }
        return response
    }
}
