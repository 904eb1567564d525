import KafkaProtocol

// Metadata: v0–v12
//
// Behaviour:
// * Brokers: this node only, at the endpoint advertised for the listener the request came in on.
// * ControllerId is this node (a single combined node is its own controller); ClusterId from meta.properties.
// * Topics from the topic manager: every topic when the request asks for all (v0: an empty list; v1+: a null
//   list), else the requested ones; an unknown topic id gets UNKNOWN_TOPIC_ID. This node leads every partition
//   (leader epoch 0), with itself as the only replica and ISR; internal topics are flagged.
// * An unknown name is auto-created when the request allows it (always before v4) and auto.create.topics.enable
//   is on. Like Apache, the first answer is LEADER_NOT_AVAILABLE (the topic is being created) even though the
//   creation here completes at once; an invalid name gets INVALID_TOPIC_EXCEPTION; otherwise
//   UNKNOWN_TOPIC_OR_PARTITION.
// * With an authorizer: listing all topics shows only those the principal may DESCRIBE; a requested topic it
//   may not DESCRIBE → TOPIC_AUTHORIZATION_FAILED (whether it exists or not); auto-creation also needs CREATE on
//   the cluster or the topic, else TOPIC_AUTHORIZATION_FAILED.
// * Not yet: authorized operations (left at the "not requested" default).
//
// Version notes:
// * v1: ControllerId, IsInternal, Rack; a null topic list means all topics
// * v2: ClusterId
// * v4: AllowAutoTopicCreation
// * v5: OfflineReplicas
// * v7: LeaderEpoch
// * v8: authorized operations (v11 drops the cluster ones)
// * v9: flexible
// * v10: topic ids
// * v13 (not served): top-level ErrorCode
public struct MetadataHandler: RequestHandler {
    public typealias Request = MetadataRequest
    public static let versions: ClosedRange<Int16> = 0...12

    public init() {}

    public func handle(header: RequestHeader, request: MetadataRequest, context: RequestContext) async
        -> MetadataResponse
    {
        var response = MetadataResponse()
        let endpoint = context.advertisedEndpoint
        response.brokers = [
            MetadataResponse.MetadataResponseBroker(
                nodeId: context.nodeId, host: endpoint.host, port: Int32(endpoint.port), rack: nil)
        ]
        response.clusterId = context.clusterId
        response.controllerId = context.nodeId

        let wantsAll = request.topics.map { $0.isEmpty && header.requestApiVersion == 0 } ?? true
        if wantsAll {
            // Topics the principal may not DESCRIBE are left out, not refused (their existence stays hidden).
            response.topics = await context.topicManager.allTopics()
                .filter { context.authorize(.describe, .topic, $0.name, logIfDenied: false) }
                .map { describe($0, nodeId: context.nodeId) }
            return response
        }
        let topics = context.topicManager
        let mayCreate = (header.requestApiVersion < 4 || request.allowAutoTopicCreation)
            && context.config.autoCreateTopicsEnable
        for requested in request.topics ?? [] {
            if let name = requested.name {
                if !context.authorize(.describe, .topic, name) {
                    response.topics.append(refused(name: name))
                } else if let topic = await topics.topic(named: name) {
                    response.topics.append(describe(topic, nodeId: context.nodeId))
                } else if mayCreate {
                    response.topics.append(
                        context.mayCreateTopic(name) ? await autoCreate(name, topics: topics) : refused(name: name))
                } else {
                    response.topics.append(
                        MetadataResponse.MetadataResponseTopic(
                            errorCode: ErrorCode.unknownTopicOrPartition.rawValue, name: name))
                }
            } else if let topic = await topics.topic(id: requested.topicId) {
                // Topic ids are not secret: an undescribable one is refused with its id (Kafka's rule).
                response.topics.append(
                    context.authorize(.describe, .topic, topic.name)
                        ? describe(topic, nodeId: context.nodeId)
                        : refused(name: header.requestApiVersion >= 12 ? nil : "", id: requested.topicId))
            } else {
                response.topics.append(
                    MetadataResponse.MetadataResponseTopic(
                        errorCode: ErrorCode.unknownTopicId.rawValue,
                        // The name is nullable only from v12; v10–v11 carry an empty one.
                        name: header.requestApiVersion >= 12 ? nil : "", topicId: requested.topicId))
            }
        }
        return response
    }

    private func refused(name: String?, id: KafkaUUID = .zero) -> MetadataResponse.MetadataResponseTopic {
        MetadataResponse.MetadataResponseTopic(
            errorCode: ErrorCode.topicAuthorizationFailed.rawValue, name: name, topicId: id)
    }

    private func autoCreate(_ name: String, topics: TopicManager) async -> MetadataResponse.MetadataResponseTopic {
        guard await topics.autoCreate(topic: name) != nil else {
            return MetadataResponse.MetadataResponseTopic(
                errorCode: ErrorCode.invalidTopicException.rawValue, name: name)
        }
        return MetadataResponse.MetadataResponseTopic(
            errorCode: ErrorCode.leaderNotAvailable.rawValue, name: name, isInternal: InternalTopics.contains(name))
    }

    private func describe(_ topic: TopicMetadata, nodeId: Int32) -> MetadataResponse.MetadataResponseTopic {
        MetadataResponse.MetadataResponseTopic(
            name: topic.name, topicId: topic.id, isInternal: topic.isInternal,
            partitions: topic.partitions.map {
                MetadataResponse.MetadataResponsePartition(
                    partitionIndex: $0.index, leaderId: nodeId, leaderEpoch: $0.leaderEpoch, replicaNodes: [nodeId],
                    isrNodes: [nodeId], offlineReplicas: [])
            })
    }
}
