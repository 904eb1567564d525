import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// Two scripted brokers that share one view of the cluster, so that a test can move leaders and controllers.
private final class TwoNodeCluster: Sendable {
    struct State {
        var leaders: [Int32: Int32] = [0: 1]
        var controller: Int32 = 1
        var ports: [Int32: Int] = [:]
        var leaderNotAvailableAnswers = 0
        var requests: [Int32: [ApiKey]] = [1: [], 2: []]
    }

    let state = NIOLockedValueBox(State())

    func metadata(_ request: DecodedRequest) -> MetadataResponse {
        state.withLockedValue { state in
            var response = MetadataResponse()
            response.clusterId = "scripted"
            response.controllerId = state.controller
            response.brokers = state.ports.sorted { $0.key < $1.key }.map {
                MetadataResponse.MetadataResponseBroker(nodeId: $0.key, host: "127.0.0.1", port: Int32($0.value))
            }
            let asked = (request.body as? MetadataRequest)?.topics?.compactMap(\.name) ?? ["t"]
            var unavailable = false
            if state.leaderNotAvailableAnswers > 0 {
                state.leaderNotAvailableAnswers -= 1
                unavailable = true
            }
            response.topics = asked.filter { $0 == "t" }.map { name in
                var topic = MetadataResponse.MetadataResponseTopic()
                topic.name = name
                topic.topicId = KafkaUUID(mostSignificantBits: 1, leastSignificantBits: 2)
                topic.partitions = state.leaders.sorted { $0.key < $1.key }.map { partition, leader in
                    MetadataResponse.MetadataResponsePartition(
                        errorCode: unavailable ? ErrorCode.leaderNotAvailable.rawValue : 0, partitionIndex: partition,
                        leaderId: unavailable ? -1 : leader, replicaNodes: [1, 2], isrNodes: [1, 2])
                }
                return topic
            }
            return response
        }
    }

    func record(_ node: Int32, _ api: ApiKey) {
        state.withLockedValue { $0.requests[node, default: []].append(api) }
    }

    func requests(_ node: Int32, _ api: ApiKey) -> Int {
        state.withLockedValue { $0.requests[node, default: []].filter { $0 == api }.count }
    }
}

@Suite struct MultiBrokerRoutingTests {
    /// Starts nodes 1 and 2; `answer` handles everything but Metadata and ApiVersions.
    private func withCluster(
        _ answer: @escaping @Sendable (TwoNodeCluster, Int32, DecodedRequest) -> (any KafkaResponse)?,
        _ body: (TwoNodeCluster, String) async throws -> Void
    ) async throws {
        let cluster = TwoNodeCluster()
        var brokers: [ScriptedBroker] = []
        for node: Int32 in [1, 2] {
            let broker = try await ScriptedBroker.start { request in
                cluster.record(node, request.apiKey)
                if request.apiKey == .metadata { return cluster.metadata(request) }
                if request.apiKey == .apiVersions { return nil }
                return answer(cluster, node, request)
            }
            cluster.state.withLockedValue { $0.ports[node] = broker.port }
            brokers.append(broker)
        }
        do {
            try await body(cluster, brokers[0].address)
        } catch {
            for broker in brokers { await broker.stop() }
            throw error
        }
        for broker in brokers { await broker.stop() }
    }

    private static func produceAnswer(_ request: DecodedRequest, error: ErrorCode, baseOffset: Int64) -> ProduceResponse {
        var response = ProduceResponse()
        let produce = request.body as? ProduceRequest
        response.responses = (produce?.topicData ?? []).map { topic in
            ProduceResponse.TopicProduceResponse(
                name: topic.name,
                partitionResponses: topic.partitionData.map {
                    ProduceResponse.PartitionProduceResponse(
                        index: $0.index, errorCode: error.rawValue, baseOffset: baseOffset)
                })
        }
        return response
    }

    @Test func producerFollowsALeaderThatMovedAfterNotLeaderOrFollower() async throws {
        try await withCluster({ cluster, node, request in
            switch request.apiKey {
            case .initProducerId:
                return InitProducerIdResponse(producerId: 7, producerEpoch: 0)
            case .produce where node == 1:
                // Node 1 lost leadership: say so, and let the metadata name node 2.
                cluster.state.withLockedValue { $0.leaders[0] = 2 }
                return Self.produceAnswer(request, error: .notLeaderOrFollower, baseOffset: -1)
            case .produce:
                return Self.produceAnswer(request, error: .noError, baseOffset: 42)
            default:
                return nil
            }
        }) { cluster, bootstrap in
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": bootstrap, "retry.backoff.ms": "10", "linger.ms": "0",
            ])
            let metadata = try await producer.sendAndWait(ProducerRecord(topic: "t", value: ByteBuffer(string: "x")))
            #expect(metadata.partition == 0)
            #expect(metadata.offset == 42)
            #expect(cluster.requests(1, .produce) == 1)
            #expect(cluster.requests(2, .produce) == 1)
            await producer.close()
        }
    }

    @Test func producerWaitsOutLeaderNotAvailable() async throws {
        try await withCluster({ _, _, request in
            switch request.apiKey {
            case .initProducerId: return InitProducerIdResponse(producerId: 7, producerEpoch: 0)
            case .produce: return Self.produceAnswer(request, error: .noError, baseOffset: 5)
            default: return nil
            }
        }) { cluster, bootstrap in
            cluster.state.withLockedValue { $0.leaderNotAvailableAnswers = 3 }
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": bootstrap, "retry.backoff.ms": "10", "linger.ms": "0",
            ])
            let metadata = try await producer.sendAndWait(ProducerRecord(topic: "t", value: ByteBuffer(string: "x")))
            #expect(metadata.offset == 5)
            await producer.close()
        }
    }

    @Test func adminRetriesAtTheNewControllerAfterNotController() async throws {
        try await withCluster({ cluster, node, request in
            guard request.apiKey == .createTopics, let create = request.body as? CreateTopicsRequest else { return nil }
            let moved = cluster.state.withLockedValue { state -> Bool in
                guard node == state.controller, node == 1 else { return false }
                state.controller = 2
                return true
            }
            var response = CreateTopicsResponse()
            response.topics = create.topics.map {
                var result = CreateTopicsResponse.CreatableTopicResult()
                result.name = $0.name
                result.errorCode = moved ? ErrorCode.notController.rawValue : 0
                return result
            }
            return response
        }) { cluster, bootstrap in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": bootstrap, "retry.backoff.ms": "10"])
            let failures = try await admin.createTopics([NewTopic(name: "new", numPartitions: 1)])
            #expect(failures.isEmpty)
            #expect(cluster.requests(1, .createTopics) == 1)
            #expect(cluster.requests(2, .createTopics) == 1)
            await admin.close()
        }
    }

    @Test func listOffsetsAsksEachPartitionsLeader() async throws {
        try await withCluster({ cluster, node, request in
            if request.apiKey == .describeCluster {
                var response = DescribeClusterResponse()
                response.clusterId = "scripted"
                response.brokers = cluster.state.withLockedValue { $0.ports }.sorted { $0.key < $1.key }.map {
                    DescribeClusterResponse.DescribeClusterBroker(brokerId: $0.key, host: "127.0.0.1", port: Int32($0.value))
                }
                return response
            }
            guard let list = request.body as? ListOffsetsRequest else { return nil }
            var response = ListOffsetsResponse()
            response.topics = list.topics.map { topic in
                ListOffsetsResponse.ListOffsetsTopicResponse(
                    name: topic.name,
                    partitions: topic.partitions.map {
                        // Only the leader knows: node 1 leads partition 0, node 2 partition 1.
                        let leads = Int32($0.partitionIndex) + 1 == node
                        return ListOffsetsResponse.ListOffsetsPartitionResponse(
                            partitionIndex: $0.partitionIndex,
                            errorCode: leads ? 0 : ErrorCode.notLeaderOrFollower.rawValue,
                            timestamp: -1, offset: leads ? Int64(100 * node) : -1)
                    })
            }
            return response
        }) { cluster, bootstrap in
            cluster.state.withLockedValue { $0.leaders = [0: 1, 1: 2] }
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": bootstrap])
            let offsets = try await admin.listOffsets([
                TopicPartition(topic: "t", partition: 0): .latest, TopicPartition(topic: "t", partition: 1): .latest,
            ])
            #expect(offsets[TopicPartition(topic: "t", partition: 0)]?.offset == 100)
            #expect(offsets[TopicPartition(topic: "t", partition: 1)]?.offset == 200)
            let description = try await admin.describeCluster()
            #expect(description.nodes.map(\.id) == [1, 2])
            await admin.close()
        }
    }

    @Test func bootstrapSkipsADeadServerAndUsesTheNextOne() async throws {
        try await withCluster({ _, _, _ in nil }) { _, bootstrap in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": "127.0.0.1:1,\(bootstrap)"])
            #expect(try await admin.listTopics().map(\.name) == ["t"])
            await admin.close()
        }
    }
}

@Suite struct ApiVersionsNegotiationTests {
    @Test func anOlderBrokerGetsApiVersionsAgainAtTheVersionItOffers() async throws {
        let versionsSeen = NIOLockedValueBox<[Int16]>([])
        let broker = try await ScriptedBroker.start { request in
            guard request.apiKey == .apiVersions else {
                var response = MetadataResponse()
                response.controllerId = 1
                return response
            }
            versionsSeen.withLockedValue { $0.append(request.version) }
            var response = ScriptedBroker.allApiVersions()
            response.apiKeys = response.apiKeys.map { key in
                var key = key
                // A Kafka 2.3-era broker: ApiVersions up to v2, Metadata up to v7.
                if key.apiKey == ApiKey.apiVersions.rawValue { key.maxVersion = 2 }
                if key.apiKey == ApiKey.metadata.rawValue { key.maxVersion = 7 }
                return key
            }
            if request.version > 2 { response.errorCode = ErrorCode.unsupportedVersion.rawValue }
            return response
        }
        let connection = try await BrokerConnection.connect(
            to: BrokerAddress(host: "127.0.0.1", port: broker.port),
            config: ClientConfig(bootstrapServers: []))
        #expect(versionsSeen.withLockedValue { $0 } == [3, 2])
        #expect(try connection.negotiatedVersion(MetadataRequest.self) == 7)
        connection.close()
        await broker.stop()
    }
}
