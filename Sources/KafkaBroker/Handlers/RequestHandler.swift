import KafkaProtocol
import KafkaSecurity

/// One Kafka API served by the broker. Each conforming type lives in `Handlers/NN_Name.swift` and declares the
/// versions it serves; `HandlerRegistry` turns those declarations into the ApiVersions table.
public protocol RequestHandler: Sendable {
    associatedtype Request: KafkaRequest
    /// The versions served; must lie within the generated `Request.versions`.
    static var versions: ClosedRange<Int16> { get }

    func handle(header: RequestHeader, request: Request, context: RequestContext) async throws -> Request.Response
}

extension RequestHandler {
    public static var apiKey: ApiKey { Request.apiKey }
}

/// What a handler may consult: the broker's identity and settings, the connection it serves, and the sources of
/// state (the topic manager: topics and their partition logs; the group coordinator).
public struct RequestContext: Sendable {
    public var config: BrokerConfig
    public var clusterId: String
    /// The endpoint advertised for the listener this request arrived on.
    public var advertisedEndpoint: ListenerSpec
    /// Topics, their configs and partition logs.
    public var topicManager: TopicManager
    /// Consumer groups and their committed offsets.
    public var groupCoordinator: GroupCoordinator
    /// The registry's version table, for ApiVersions.
    public var supportedApis: [ApiVersionsResponse.ApiVersion]
    /// `host:port` of the client, for log lines.
    public var clientAddress: String
    /// Who the connection authenticated as (`User:ANONYMOUS` without SASL or a client certificate).
    public var principal: KafkaPrincipal = .anonymous
    /// SCRAM users (DescribeUserScramCredentials, AlterUserScramCredentials); the server's persisted store.
    public var scramCredentials: ScramCredentialStore = .inMemory()

    public var nodeId: Int32 { config.nodeId }

    public init(
        config: BrokerConfig, clusterId: String, advertisedEndpoint: ListenerSpec, topicManager: TopicManager,
        groupCoordinator: GroupCoordinator, supportedApis: [ApiVersionsResponse.ApiVersion], clientAddress: String
    ) {
        self.config = config
        self.clusterId = clusterId
        self.advertisedEndpoint = advertisedEndpoint
        self.topicManager = topicManager
        self.groupCoordinator = groupCoordinator
        self.supportedApis = supportedApis
        self.clientAddress = clientAddress
    }
}
