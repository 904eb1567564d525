import KafkaProtocol
import KafkaStorage

// DeleteRecords: v0–v2
//
// Behaviour (per partition): moves the log start offset to `offset` (-1 = the high watermark) and deletes the
// segments wholly below it; answers the new log start offset as the low watermark. An offset above the high
// watermark or below -1 → OFFSET_OUT_OF_RANGE; one at or below the log start changes nothing; unknown topic or partition →
// UNKNOWN_TOPIC_OR_PARTITION; disk failures → KAFKA_STORAGE_ERROR. With one replica nothing waits for
// followers, so `timeout_ms` is not needed.
//
// Version notes:
// * v1: same as v0 (throttling after the response)
// * v2: flexible
public struct DeleteRecordsHandler: RequestHandler {
    public typealias Request = DeleteRecordsRequest
    public static let versions: ClosedRange<Int16> = 0...2

    public init() {}

    public func handle(header: RequestHeader, request: DeleteRecordsRequest, context: RequestContext) async
        -> DeleteRecordsResponse
    {
        var response = DeleteRecordsResponse()
        for topic in request.topics {
            var answer = DeleteRecordsResponse.DeleteRecordsTopicResult(name: topic.name)
            let deletable = context.authorize(.delete, .topic, topic.name)
            for partition in topic.partitions {
                var result = DeleteRecordsResponse.DeleteRecordsPartitionResult(
                    partitionIndex: partition.partitionIndex, lowWatermark: -1)
                guard deletable else {
                    result.errorCode = ErrorCode.topicAuthorizationFailed.rawValue
                    answer.partitions.append(result)
                    continue
                }
                switch await context.topicManager.resolve(topic: topic.name, partition: partition.partitionIndex) {
                case .failure(let code):
                    result.errorCode = code.rawValue
                case .success(let found):
                    guard partition.offset >= -1 else {
                        result.errorCode = ErrorCode.offsetOutOfRange.rawValue
                        break
                    }
                    do {
                        let target = partition.offset == -1 ? await found.log.highWatermark : partition.offset
                        result.lowWatermark = try await found.log.deleteRecords(before: target)
                    } catch {
                        result.errorCode = ErrorCode.from(storage: error).rawValue
                    }
                }
                answer.partitions.append(result)
            }
            response.topics.append(answer)
        }
        return response
    }
}
