import KafkaProtocol

/// The APIs the broker serves: the one list that both dispatch and the ApiVersions response are built from.
public struct HandlerRegistry: Sendable {
    /// A handler with its request and response types erased, so handlers of every API fit in one table.
    public struct Entry: Sendable {
        public let apiKey: ApiKey
        public let versions: ClosedRange<Int16>
        let respond: @Sendable (DecodedRequest, RequestContext) async throws -> any KafkaResponse
    }

    public let entries: [ApiKey: Entry]

    /// Every handler the broker ships, in API-key order. Adding an API means adding its handler here.
    public static let standard = HandlerRegistry([
        Entry(ProduceHandler()),
        Entry(FetchHandler()),
        Entry(ListOffsetsHandler()),
        Entry(MetadataHandler()),
        Entry(OffsetCommitHandler()),
        Entry(OffsetFetchHandler()),
        Entry(FindCoordinatorHandler()),
        Entry(JoinGroupHandler()),
        Entry(HeartbeatHandler()),
        Entry(LeaveGroupHandler()),
        Entry(SyncGroupHandler()),
        Entry(DescribeGroupsHandler()),
        Entry(ListGroupsHandler()),
        Entry(SaslHandshakeHandler()),
        Entry(ApiVersionsHandler()),
        Entry(DeleteRecordsHandler()),
        Entry(InitProducerIdHandler()),
        Entry(OffsetForLeaderEpochHandler()),
        Entry(DescribeAclsHandler()),
        Entry(CreateAclsHandler()),
        Entry(DeleteAclsHandler()),
        Entry(CreateTopicsHandler()),
        Entry(DeleteTopicsHandler()),
        Entry(CreatePartitionsHandler()),
        Entry(DescribeConfigsHandler()),
        Entry(AlterConfigsHandler()),
        Entry(DescribeLogDirsHandler()),
        Entry(SaslAuthenticateHandler()),
        Entry(DeleteGroupsHandler()),
        Entry(IncrementalAlterConfigsHandler()),
        Entry(OffsetDeleteHandler()),
        Entry(DescribeUserScramCredentialsHandler()),
        Entry(AlterUserScramCredentialsHandler()),
        Entry(DescribeClusterHandler()),
        Entry(DescribeTopicPartitionsHandler()),
    ])

    public init(_ entries: [Entry]) {
        var table: [ApiKey: Entry] = [:]
        for entry in entries {
            precondition(table[entry.apiKey] == nil, "\(entry.apiKey.name) is registered twice")
            table[entry.apiKey] = entry
        }
        self.entries = table
    }

    public func entry(for apiKey: ApiKey) -> Entry? { entries[apiKey] }

    /// The ApiVersions table, by ascending API key.
    public var supportedApis: [ApiVersionsResponse.ApiVersion] {
        entries.values.sorted { $0.apiKey.rawValue < $1.apiKey.rawValue }.map {
            ApiVersionsResponse.ApiVersion(
                apiKey: $0.apiKey.rawValue, minVersion: $0.versions.lowerBound, maxVersion: $0.versions.upperBound)
        }
    }
}

extension HandlerRegistry.Entry {
    public init<Handler: RequestHandler>(_ handler: Handler) {
        precondition(
            Handler.Request.versions.contains(Handler.versions.lowerBound)
                && Handler.Request.versions.contains(Handler.versions.upperBound),
            "\(Handler.self) serves versions the generated \(Handler.Request.messageName) does not define")
        self.apiKey = Handler.apiKey
        self.versions = Handler.versions
        self.respond = { decoded, context in
            guard let request = decoded.body as? Handler.Request else {
                throw DispatchError.wrongBodyType(decoded.apiKey)
            }
            return try await handler.handle(header: decoded.header, request: request, context: context)
        }
    }
}

enum DispatchError: Error, CustomStringConvertible {
    case wrongBodyType(ApiKey)

    var description: String {
        switch self {
        case .wrongBodyType(let key): return "decoded body is not a \(key.name) request"
        }
    }
}
