import KafkaProtocol

// ListGroups: v0–v5
//
// Behaviour:
// * Every group this coordinator has (Dead ones excluded), by group id, with its protocol type ("consumer" for
//   consumer groups, "" for groups that only store offsets).
// * v4+ StatesFilter: only groups in those states (names compared case-insensitively; unknown names match
//   nothing). v5+ TypesFilter: every group here is "classic", so a filter without "classic" lists none.
// * With an authorizer: every group with DESCRIBE on the cluster, else only those the principal may DESCRIBE.
//
// Version notes:
// * v1: ThrottleTimeMs; v3: flexible; v4: StatesFilter and GroupState; v5: TypesFilter and GroupType
public struct ListGroupsHandler: RequestHandler {
    public typealias Request = ListGroupsRequest
    public static let versions: ClosedRange<Int16> = 0...5

    public init() {}

    public func handle(header: RequestHeader, request: ListGroupsRequest, context: RequestContext) async
        -> ListGroupsResponse
    {
        var response = ListGroupsResponse()
        let requestedStates = request.statesFilter.map { GroupState.named($0) }
        // A filter naming only unknown states matches nothing.
        let states = Set(requestedStates.compactMap { $0 })
        if !request.statesFilter.isEmpty && states.isEmpty { return response }
        if !request.typesFilter.isEmpty && !request.typesFilter.contains(where: { $0.lowercased() == "classic" }) {
            return response
        }
        let (error, listed) = await context.groupCoordinator.listGroups(states: states)
        response.errorCode = error.rawValue
        // Without DESCRIBE on the cluster, only the groups the principal may DESCRIBE are listed.
        let all = context.authorizeCluster(.describe, logIfDenied: false)
        let visible = all ? listed : listed.filter { context.authorize(.describe, .group, $0.groupId, logIfDenied: false) }
        response.groups = visible.map { group in
            var entry = ListGroupsResponse.ListedGroup()
            entry.groupId = group.groupId
            entry.protocolType = group.protocolType
            entry.groupState = group.state.rawValue
            entry.groupType = "classic"
            return entry
        }
        return response
    }
}
