import KafkaProtocol
import KafkaSecurity
import KafkaStorage
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// The network side of the broker: binds every served listener, answers requests through the handler registry,
/// and shuts down gracefully (stop accepting, let connections finish what they received, then close). The topic
/// manager outlives it: whoever opened the manager shuts it down after the server.
public actor BrokerServer {
    /// A listener after binding: `port` is the real one when the configured port was 0.
    public struct BoundListener: Sendable, Hashable {
        public var name: String
        public var host: String
        public var port: Int
    }

    private let config: BrokerConfig
    private let clusterId: String
    private let topicManager: TopicManager
    /// Owned by the server: started before the listeners bind, stopped before connections drain (so JoinGroup and
    /// SyncGroup waits end instead of holding the shutdown up).
    public nonisolated let groupCoordinator: GroupCoordinator
    private let registry: HandlerRegistry
    private let group: MultiThreadedEventLoopGroup
    private let connections = ConnectionTracker()
    private var serverChannels: [any Channel] = []
    private var bound: [BoundListener] = []
    /// SCRAM users, loaded from the log dir at start (shared by the SASL listeners and the SCRAM admin APIs).
    private var scramCredentials = ScramCredentialStore.inMemory()
    private let logger = Logger(label: "kafka.network.SocketServer")

    public init(
        config: BrokerConfig, topicManager: TopicManager, registry: HandlerRegistry = .standard,
        threads: Int = System.coreCount
    ) {
        self.config = config
        self.clusterId = topicManager.clusterId
        self.topicManager = topicManager
        self.groupCoordinator = GroupCoordinator(config: config, topicManager: topicManager)
        self.registry = registry
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    public var listeners: [BoundListener] { bound }

    /// Binds every served listener; throws (after closing what was bound) if one cannot be bound.
    @discardableResult
    public func start() async throws -> [BoundListener] {
        await groupCoordinator.startup()
        let logManager = topicManager.logManager
        do {
            scramCredentials = try ScramCredentialStore.open(
                fileSystem: logManager.fileSystem, directory: logManager.logDirectory)
        } catch {
            await shutdown()
            throw BrokerStartError(description: "Cannot read the SCRAM credentials in \(logManager.logDirectory): \(error)")
        }
        for listener in config.servedListeners {
            do {
                let channel = try await bind(listener)
                serverChannels.append(channel)
                let port = channel.localAddress?.port ?? listener.port
                bound.append(BoundListener(name: listener.name, host: listener.host, port: port))
                logger.info(
                    "[SocketServer listenerType=BROKER, nodeId=\(config.nodeId)] Awaiting socket connections on \(listener.host.isEmpty ? "0.0.0.0" : listener.host):\(port).")
            } catch let error as BrokerStartError {
                await shutdown()
                throw error
            } catch {
                await shutdown()
                throw BrokerStartError(description: "Socket server failed to bind to \(listener): \(error)")
            }
        }
        return bound
    }

    private func bind(_ listener: ListenerSpec) async throws -> any Channel {
        var advertised = config.advertised(for: listener)
        if advertised.host.isEmpty || advertised.host == "0.0.0.0" || advertised.host == "::" {
            advertised.host = HostName.current()
        }
        // An ephemeral listener (port 0) advertises the port it gets, known only after binding.
        let endpoint = NIOLockedValueBox(advertised)
        var context = RequestContext(
            config: config, clusterId: clusterId, advertisedEndpoint: advertised, topicManager: topicManager,
            groupCoordinator: groupCoordinator, supportedApis: [], clientAddress: "")
        context.scramCredentials = scramCredentials
        let dispatcher = RequestDispatcher(registry: registry, context: context, advertisedEndpoint: endpoint)
        let listenerSecurity = config.security(of: listener.name)
        var security = KafkaConnectionHandler.Security()
        if listenerSecurity.securityProtocol.usesSASL {
            security.sasl = SaslServerAuthenticator.Configuration(
                mechanisms: listenerSecurity.saslMechanisms, plainUsers: listenerSecurity.plainUsers,
                scramCredentials: scramCredentials)
        }
        // On SASL_SSL the SASL identity wins over a client certificate (Kafka's DefaultKafkaPrincipalBuilder).
        security.principalFromCertificate = listenerSecurity.securityProtocol == .ssl
        security.failedAuthenticationDelay = .milliseconds(Int64(listenerSecurity.failedAuthenticationDelayMs))
        let connectionSecurity = security
        let tls = listenerSecurity.securityProtocol.usesTLS
            ? try ListenerTLS.makeContext(listenerSecurity, listener: listener.name) : nil
        let maxFrame = Int(config.socketRequestMaxBytes)
        let saslReceiveLimit = security.sasl == nil ? nil : listenerSecurity.saslMaxReceiveSize
        let connections = self.connections
        let requestLogger = Logger(label: "kafka.network.Processor")
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    // TLS first: nothing reaches the Kafka framing before the handshake has succeeded.
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    if let limit = saslReceiveLimit {
                        try channel.pipeline.syncOperations.addHandler(
                            SaslReceiveLimitHandler(limit: limit, logger: requestLogger), name: SaslReceiveLimitHandler.name)
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(KafkaFrameDecoder(maxFrameLength: maxFrame)))
                    try channel.pipeline.syncOperations.addHandler(
                        KafkaConnectionHandler(dispatcher: dispatcher, logger: requestLogger, security: connectionSecurity))
                }
            }
        let host = listener.host.isEmpty ? "0.0.0.0" : listener.host
        let channel = try await bootstrap.bind(host: host, port: listener.port).get()
        if advertised.port == 0, let port = channel.localAddress?.port {
            endpoint.withLockedValue { $0.port = port }
        }
        return channel
    }

    /// Stops accepting, asks every connection to drain, waits for them (at most `timeout`), then stops the
    /// event loops.
    public func shutdown(timeout: TimeAmount = .seconds(30)) async {
        for channel in serverChannels { try? await channel.close() }
        serverChannels.removeAll()
        await groupCoordinator.shutdown()
        let open = connections.all
        for channel in open { channel.pipeline.fireUserInboundEventTriggered(DrainConnectionEvent()) }
        let deadline = NIODeadline.now() + timeout
        for channel in open {
            let remaining = deadline - NIODeadline.now()
            let closed = channel.closeFuture
            let timer = channel.eventLoop.scheduleTask(in: max(remaining, .zero)) { channel.close(promise: nil) }
            try? await closed.get()
            timer.cancel()
        }
        try? await group.shutdownGracefully()
    }
}

public struct BrokerStartError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
