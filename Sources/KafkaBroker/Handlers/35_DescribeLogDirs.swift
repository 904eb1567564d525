import KafkaProtocol
import KafkaStorage

// DescribeLogDirs: v0–v5
//
// Behaviour:
// * One result: the single log dir (absolute, as Apache reports it), with every partition when Topics is null,
//   else the listed partitions that exist here; unknown topics and partitions are left out, and so is a topic
//   with none of its partitions left, as Apache does.
// * PartitionSize is the bytes in the partition's segments; OffsetLag is 0 and IsFutureKey false (no replica is
//   ever moved between dirs: one dir, no AlterReplicaLogDirs).
// * TotalBytes/UsableBytes (v4+) from statvfs of the log dir; -1 when it cannot be queried.
// * With an authorizer: DESCRIBE on the cluster, else no results (and CLUSTER_AUTHORIZATION_FAILED from v3).
// * Topics and partitions sorted by name and index (Apache's order is a hash map's).
//
// Version notes:
// * v1: same as v0 (throttling after answering)
// * v2: flexible
// * v3: top-level ErrorCode
// * v4: TotalBytes, UsableBytes
// * v5: IsCordoned (never: the only dir always takes new replicas)
public struct DescribeLogDirsHandler: RequestHandler {
    public typealias Request = DescribeLogDirsRequest
    public static let versions: ClosedRange<Int16> = 0...5

    public init() {}

    public func handle(header: RequestHeader, request: DescribeLogDirsRequest, context: RequestContext) async
        -> DescribeLogDirsResponse
    {
        let manager = context.topicManager
        guard context.authorizeCluster(.describe) else {
            // No log dirs; v3+ also says why.
            var refused = DescribeLogDirsResponse()
            if header.requestApiVersion >= 3 { refused.errorCode = ErrorCode.clusterAuthorizationFailed.rawValue }
            return refused
        }
        var wanted: [String: Set<Int32>]?
        if let topics = request.topics {
            var byTopic: [String: Set<Int32>] = [:]
            for topic in topics { byTopic[topic.topic, default: []].formUnion(topic.partitions) }
            wanted = byTopic
        }
        var described: [DescribeLogDirsResponse.DescribeLogDirsTopic] = []
        for topic in await manager.allTopics() {
            let indexes = topic.partitions.map(\.index).filter { wanted?[topic.name]?.contains($0) ?? (wanted == nil) }
            var partitions: [DescribeLogDirsResponse.DescribeLogDirsPartition] = []
            for index in indexes {
                guard let log = await manager.partitionLog(TopicPartition(topic: topic.name, partition: index)) else {
                    continue
                }
                partitions.append(
                    .init(partitionIndex: index, partitionSize: await log.sizeInBytes, offsetLag: 0, isFutureKey: false))
            }
            if !partitions.isEmpty { described.append(.init(name: topic.name, partitions: partitions)) }
        }
        let logDir = manager.logManager.logDirectory
        let space = DiskSpace.of(logDir)
        var response = DescribeLogDirsResponse()
        response.results = [
            .init(
                logDir: DiskSpace.canonical(logDir), topics: described, totalBytes: space?.total ?? -1,
                usableBytes: space?.usable ?? -1)
        ]
        return response
    }
}
