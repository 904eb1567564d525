import KafkaProtocol

// DeleteGroups: v0–v2
//
// Behaviour:
// * An Empty group (no members; also a group that only stores offsets) is deleted with its committed offsets:
//   tombstones for each offset and for the group's metadata go to `__consumer_offsets`.
// * A group with members → NON_EMPTY_GROUP; a group that does not exist → GROUP_ID_NOT_FOUND.
// * With an authorizer: DELETE on the group, else GROUP_AUTHORIZATION_FAILED.
//
// Version notes:
// * v1: same as v0; v2: flexible
// * v3 (Kafka 4.4, not served): per-group ErrorMessage
public struct DeleteGroupsHandler: RequestHandler {
    public typealias Request = DeleteGroupsRequest
    public static let versions: ClosedRange<Int16> = 0...2

    public init() {}

    public func handle(header: RequestHeader, request: DeleteGroupsRequest, context: RequestContext) async
        -> DeleteGroupsResponse
    {
        let deletable = request.groupsNames.filter { context.authorize(.delete, .group, $0) }
        var answers = await context.groupCoordinator.deleteGroups(deletable).makeIterator()
        let results = request.groupsNames.map { groupId in
            deletable.contains(groupId) ? answers.next() ?? .unknownServerError : .groupAuthorizationFailed
        }
        var response = DeleteGroupsResponse()
        response.results = zip(request.groupsNames, results).map { groupId, code in
            var result = DeleteGroupsResponse.DeletableGroupResult()
            result.groupId = groupId
            result.errorCode = code.rawValue
            return result
        }
        return response
    }
}
