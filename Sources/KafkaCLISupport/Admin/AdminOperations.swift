import KafkaClient
import KafkaProtocol

/// The admin calls the tools make, as `KafkaAdminClient` offers them. Commands take this protocol rather than the
/// client so that their whole flow (parse, validate, call, render) can be tested against a fake cluster.
public protocol AdminOperations: Sendable {
    func close() async
    func describeCluster(deadline: ContinuousClock.Instant?) async throws -> ClusterDescription
    func listTopics(includeInternal: Bool, deadline: ContinuousClock.Instant?) async throws -> [TopicListing]
    func describeTopics(_ names: [String], partitionLimitPerResponse: Int32, deadline: ContinuousClock.Instant?)
        async throws -> [TopicDescription]
    func describeTopics(topicIds: [KafkaUUID], deadline: ContinuousClock.Instant?) async throws -> [TopicDescription]
    func createTopics(_ topics: [NewTopic], validateOnly: Bool, deadline: ContinuousClock.Instant?) async throws
        -> [String: KafkaBrokerError]
    func deleteTopics(_ names: [String], deadline: ContinuousClock.Instant?) async throws -> [String: KafkaBrokerError]
    func createPartitions(
        _ newTotals: [String: Int32], assignments: [String: [[Int32]]], validateOnly: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [String: KafkaBrokerError]
    func describeConfigs(
        _ resources: [ConfigResource], includeSynonyms: Bool, includeDocumentation: Bool,
        deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: [ConfigEntry]]
    func incrementalAlterConfigs(
        _ changes: [ConfigResource: [AlterConfigOperation]], validateOnly: Bool, deadline: ContinuousClock.Instant?
    ) async throws -> [ConfigResource: KafkaBrokerError]
    func describeUserScramCredentials(users: [String], deadline: ContinuousClock.Instant?) async throws
        -> [UserScramCredentialsResult]
    func alterUserScramCredentials(
        upsertions: [UserScramCredentialUpsertion], deletions: [UserScramCredentialDeletion],
        deadline: ContinuousClock.Instant?
    ) async throws -> [String: KafkaBrokerError]
}

extension AdminOperations {
    /// Fakes that do not model SCRAM users answer as a broker without the API would.
    public func describeUserScramCredentials(users: [String], deadline: ContinuousClock.Instant?) async throws
        -> [UserScramCredentialsResult]
    {
        throw KafkaClientError.unsupportedApi(.describeUserScramCredentials, address: "fake")
    }

    public func alterUserScramCredentials(
        upsertions: [UserScramCredentialUpsertion], deletions: [UserScramCredentialDeletion],
        deadline: ContinuousClock.Instant?
    ) async throws -> [String: KafkaBrokerError] {
        throw KafkaClientError.unsupportedApi(.alterUserScramCredentials, address: "fake")
    }
}

extension KafkaAdminClient: AdminOperations {}
