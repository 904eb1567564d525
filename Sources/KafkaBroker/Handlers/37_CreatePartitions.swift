import KafkaProtocol

// CreatePartitions: v0–v3
//
// Behaviour (Apache's KRaft controller messages):
// * Increase only: the same count is INVALID_PARTITIONS ("Topic already has 3 partition(s)."), a lower one too
//   ("The topic t currently has 3 partition(s); 2 would not be an increase.").
// * Assignments, when given, need one entry per new partition and only this node (INVALID_REPLICA_ASSIGNMENT).
// * An unknown topic is UNKNOWN_TOPIC_OR_PARTITION; a topic named twice is INVALID_REQUEST.
// * With an authorizer: ALTER on the cluster or the topic, else TOPIC_AUTHORIZATION_FAILED.
// * validateOnly checks and changes nothing.
//
// Version notes:
// * v1: same as v0
// * v2: flexible
// * v3: same as v2
public struct CreatePartitionsHandler: RequestHandler {
    public typealias Request = CreatePartitionsRequest
    public static let versions: ClosedRange<Int16> = 0...3

    public init() {}

    public func handle(header: RequestHeader, request: CreatePartitionsRequest, context: RequestContext) async
        -> CreatePartitionsResponse
    {
        var counts: [String: Int] = [:]
        for topic in request.topics { counts[topic.name, default: 0] += 1 }
        var response = CreatePartitionsResponse()
        let clusterAlter = context.authorizeCluster(.alter, logIfDenied: false)
        for topic in request.topics {
            var result = CreatePartitionsResponse.CreatePartitionsTopicResult(name: topic.name)
            let problem: AdminError?
            if counts[topic.name, default: 0] > 1 {
                problem = AdminError(.invalidRequest, "Duplicate topic name.")
            } else if !clusterAlter, !context.authorize(.alter, .topic, topic.name) {
                problem = AdminError(.topicAuthorizationFailed, AuthorizationText.topic)
            } else {
                problem = await grow(topic, validateOnly: request.validateOnly, context: context)
            }
            if let problem {
                result.errorCode = problem.code.rawValue
                result.errorMessage = problem.message
            }
            response.results.append(result)
        }
        return response
    }

    private func grow(_ topic: CreatePartitionsRequest.CreatePartitionsTopic, validateOnly: Bool, context: RequestContext)
        async -> AdminError?
    {
        let manager = context.topicManager
        guard let existing = await manager.topic(named: topic.name) else {
            return AdminError(.unknownTopicOrPartition, "This server does not host this topic-partition.")
        }
        let current = Int32(existing.partitions.count)
        if topic.count == current {
            return AdminError(.invalidPartitions, "Topic already has \(current) partition(s).")
        }
        if topic.count < current {
            return AdminError(
                .invalidPartitions,
                "The topic \(topic.name) currently has \(current) partition(s); \(topic.count) would not be an increase.")
        }
        if let assignments = topic.assignments {
            let added = topic.count - current
            if assignments.count != Int(added) {
                return AdminError(
                    .invalidReplicaAssignment,
                    "Attempted to add \(added) additional partition(s), but only \(assignments.count) assignment(s) were specified.")
            }
            for assignment in assignments {
                if let problem = ReplicaCheck.problem(assignment.brokerIds, nodeId: context.nodeId) { return problem }
            }
        }
        if validateOnly { return nil }
        do {
            try await manager.createPartitions(topic.name, count: topic.count)
        } catch {
            return AdminError(.unknownServerError, "\(error)")
        }
        return nil
    }
}
