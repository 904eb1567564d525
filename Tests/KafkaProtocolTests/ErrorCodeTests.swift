import KafkaProtocol
import Testing

@Suite struct ErrorCodeTests {
    @Test func codesNamesAndRetriabilityFollowKafka() throws {
        let notLeader = try #require(ErrorCode(rawValue: 6))
        #expect(notLeader == .notLeaderOrFollower)
        #expect(notLeader.name == "NOT_LEADER_OR_FOLLOWER")
        #expect(notLeader.isRetriable)
        #expect(ErrorCode.noError.rawValue == 0 && ErrorCode.noError.name == "NONE")
        #expect(ErrorCode.unknownServerError.rawValue == -1)
        #expect(ErrorCode.topicAlreadyExists.rawValue == 36 && !ErrorCode.topicAlreadyExists.isRetriable)
        #expect(ErrorCode.unknownTopicOrPartition.isRetriable)
        #expect(ErrorCode.invalidReplicationFactor.rawValue == 38)
        #expect(ErrorCode.memberIdRequired.rawValue == 79)
    }

    @Test func everyCodeFromMinusOneUpIsDefinedOnceWithAMessage() {
        let codes = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.min() == -1)
        // Kafka numbers its errors without gaps.
        #expect(codes.count == Int(codes.max() ?? 0) + 2)
        #expect(ErrorCode.allCases.allSatisfy { !$0.message.isEmpty && $0.name == $0.name.uppercased() })
        #expect(ErrorCode(rawValue: 9999) == nil)
    }
}
