import KafkaProtocol
import KafkaStorage
import Logging
import NIOCore

// Produce: v3–v12
//
// Behaviour:
// * With an authorizer: WRITE on the topic, else TOPIC_AUTHORIZATION_FAILED for each of its partitions (checked
//   before existence, as Kafka does); auto-creation also needs CREATE on the cluster or the topic.
// * Per partition: unknown topic → UNKNOWN_TOPIC_OR_PARTITION, unless `auto.create.topics.enable` creates it
//   (clients ask Metadata first, which creates it too). The records must be exactly one magic-2 batch (Kafka 4's
//   rule for v3+): legacy magic or several batches → INVALID_RECORD, a bad CRC or unparsable bytes →
//   CORRUPT_MESSAGE, a batch above the topic's `max.message.bytes` (default `message.max.bytes`) →
//   MESSAGE_TOO_LARGE, zstd before v7 → UNSUPPORTED_COMPRESSION_TYPE. Only the 61-byte header and the CRC are
//   checked; the batch is appended as it came (base offset, leader epoch and, with LogAppendTime, the max
//   timestamp rewritten in place).
// * Idempotent producers (producer id ≥ 0): Kafka's sequence rules per (producer id, partition), see
//   `PartitionProducerState`; a retried duplicate of one of the last five batches is answered NONE with its original
//   offsets; a gap → OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch → INVALID_PRODUCER_EPOCH.
// * acks 1 and -1 mean the same on one node: answer after the append reached the page cache (fsynced first when
//   `log.flush.interval.messages` says so). acks 0: no response at all; on any partition error the connection is
//   closed instead (as Kafka does), so the client notices (see `suppressesResponse`).
// * Disk failures → KAFKA_STORAGE_ERROR; the partition stays readable.
// * acks other than -1, 0, 1 → INVALID_REQUIRED_ACKS for every partition.
// * Not yet: transactions (transactional batches → INVALID_RECORD; InitProducerId refuses transactional ids).
//
// Version notes:
// * v3: TransactionalId; magic 2 only (Kafka 4 serves nothing older)
// * v5: LogStartOffset in the response
// * v7: zstd allowed
// * v8: RecordErrors, ErrorMessage
// * v9: flexible
// * v10: CurrentLeader, NodeEndpoints (tagged; left at defaults, this node leads everything)
// * v13 (not served): topic ids instead of names
public struct ProduceHandler: RequestHandler {
    public typealias Request = ProduceRequest
    public static let versions: ClosedRange<Int16> = 3...12

    private let logger = Logger(label: "kafka.server.ReplicaManager")

    public init() {}

    public func handle(header: RequestHeader, request: ProduceRequest, context: RequestContext) async
        -> ProduceResponse
    {
        let version = header.requestApiVersion
        let manager = context.topicManager
        let dataPath = BrokerDataPath.of(manager)
        var response = ProduceResponse()
        response.responses.reserveCapacity(request.topicData.count)
        for topic in request.topicData {
            var topicResponse = ProduceResponse.TopicProduceResponse(name: topic.name)
            topicResponse.partitionResponses.reserveCapacity(topic.partitionData.count)
            // One check per topic, none per record; without an authorizer both are a nil test.
            let writable = context.authorize(.write, .topic, topic.name)
            let mayCreate = writable && context.mayCreateTopic(topic.name, logIfDenied: false)
            for partition in topic.partitionData {
                guard writable else {
                    var refused = ProduceResponse.PartitionProduceResponse(index: partition.index)
                    reject(&refused, .topicAuthorizationFailed, AuthorizationText.topic, topic: topic.name)
                    topicResponse.partitionResponses.append(refused)
                    continue
                }
                let result = await produce(
                    partition, topic: topic.name, version: version, acks: request.acks, autoCreate: mayCreate,
                    manager: manager, dataPath: dataPath)
                topicResponse.partitionResponses.append(result)
            }
            response.responses.append(topicResponse)
        }
        return response
    }

    private func produce(
        _ partition: ProduceRequest.PartitionProduceData, topic: String, version: Int16, acks: Int16, autoCreate: Bool,
        manager: TopicManager, dataPath: BrokerDataPath
    ) async -> ProduceResponse.PartitionProduceResponse {
        var answer = ProduceResponse.PartitionProduceResponse(index: partition.index)
        guard (-1...1).contains(acks) else {
            reject(&answer, .invalidRequiredAcks, "acks must be -1, 0 or 1, not \(acks)", topic: topic)
            return answer
        }
        let resolved: ResolvedPartition
        switch await manager.resolve(topic: topic, partition: partition.index, autoCreate: autoCreate) {
        case .success(let found): resolved = found
        case .failure(let code):
            answer.errorCode = code.rawValue
            answer.baseOffset = -1
            return answer
        }
        do {
            let maxMessageBytes = await resolved.log.config.maxMessageBytes
            let batchHeader = try ProducedRecordsValidator.validate(
                partition.records, version: version, maxMessageBytes: maxMessageBytes)
            // The validator guarantees the records are there.
            let records = partition.records ?? .init()
            let writer = dataPath.writer(for: resolved.log)
            switch try await writer.append(records, header: batchHeader, leaderEpoch: resolved.leaderEpoch) {
            case .appended(let result):
                answer.baseOffset = result.baseOffset
                answer.logAppendTimeMs = result.logAppendTime
                answer.logStartOffset = result.logStartOffset
            case .duplicate(let original, let logStartOffset):
                answer.baseOffset = original.firstOffset
                answer.logStartOffset = logStartOffset
            }
        } catch let rejection as ProduceRejection {
            reject(&answer, rejection.code, rejection.message, topic: topic)
        } catch {
            reject(&answer, .from(storage: error), "\(error)", topic: topic)
        }
        return answer
    }

    private func reject(
        _ answer: inout ProduceResponse.PartitionProduceResponse, _ code: ErrorCode, _ message: String, topic: String
    ) {
        answer.errorCode = code.rawValue
        answer.baseOffset = -1
        answer.errorMessage = message
        if code == .kafkaStorageError {
            logger.error("Error processing append operation on partition \(topic)-\(answer.index): \(message)")
        } else {
            logger.debug("Produce to \(topic)-\(answer.index) rejected (\(code)): \(message)")
        }
    }

    /// What the connection does instead of sending a response.
    public enum Suppression: Sendable {
        case sendNothing
        case closeConnection
    }

    /// For acks=0 Kafka sends nothing back; a failed produce closes the connection instead, so the client learns
    /// of it by reconnecting. nil: the response is sent as usual.
    public static func suppression(for request: ProduceRequest, _ response: ProduceResponse) -> Suppression? {
        guard request.acks == 0 else { return nil }
        let failed = response.responses.contains { topic in topic.partitionResponses.contains { $0.errorCode != 0 } }
        return failed ? .closeConnection : .sendNothing
    }
}
