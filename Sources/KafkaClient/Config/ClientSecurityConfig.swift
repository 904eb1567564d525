import KafkaSecurity

/// `security.protocol`, `sasl.*` and `ssl.*` as a client reads them (Kafka's names; librdkafka's
/// `sasl.username`/`sasl.password` are not read, as Apache's tools do not read them either).
public struct ClientSecurityConfig: Sendable, Hashable {
    public var securityProtocol: SecurityProtocol
    /// Set for SSL and SASL_SSL.
    public var tls: TLSSettings?
    /// Set for SASL_PLAINTEXT and SASL_SSL.
    public var sasl: Sasl?

    public struct Sasl: Sendable, Hashable {
        public var mechanism: SaslMechanism
        public var credentials: SaslCredentials

        public init(mechanism: SaslMechanism, credentials: SaslCredentials) {
            self.mechanism = mechanism
            self.credentials = credentials
        }
    }

    public static let plaintext = ClientSecurityConfig(securityProtocol: .plaintext, tls: nil, sasl: nil)

    /// Apache's client-side `ssl.*` and `sasl.*` names: read here or accepted without effect (Kerberos, OAuth,
    /// JSSE tuning), so the tools do not warn that they are unknown.
    public static let knownProperties: Set<String> = [
        "ssl.protocol", "ssl.provider", "ssl.cipher.suites", "ssl.enabled.protocols", "ssl.keystore.type",
        "ssl.keystore.location", "ssl.keystore.password", "ssl.key.password", "ssl.keystore.key",
        "ssl.keystore.certificate.chain", "ssl.truststore.certificates", "ssl.truststore.type",
        "ssl.truststore.location", "ssl.truststore.password", "ssl.keymanager.algorithm",
        "ssl.trustmanager.algorithm", "ssl.endpoint.identification.algorithm", "ssl.secure.random.implementation",
        "ssl.engine.factory.class", "sasl.mechanism", "sasl.jaas.config", "sasl.kerberos.service.name",
        "sasl.kerberos.kinit.cmd", "sasl.kerberos.ticket.renew.window.factor", "sasl.kerberos.ticket.renew.jitter",
        "sasl.kerberos.min.time.before.relogin", "sasl.login.refresh.window.factor",
        "sasl.login.refresh.window.jitter", "sasl.login.refresh.min.period.seconds",
        "sasl.login.refresh.buffer.seconds", "sasl.client.callback.handler.class", "sasl.login.callback.handler.class",
        "sasl.login.class", "sasl.login.connect.timeout.ms", "sasl.login.read.timeout.ms",
        "sasl.login.retry.backoff.max.ms", "sasl.login.retry.backoff.ms", "sasl.oauthbearer.scope.claim.name",
        "sasl.oauthbearer.sub.claim.name", "sasl.oauthbearer.token.endpoint.url", "sasl.oauthbearer.jwks.endpoint.url",
        "sasl.oauthbearer.jwks.endpoint.refresh.ms", "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
        "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", "sasl.oauthbearer.clock.skew.seconds",
        "sasl.oauthbearer.expected.audience", "sasl.oauthbearer.expected.issuer",
    ]

    public init(securityProtocol: SecurityProtocol, tls: TLSSettings?, sasl: Sasl?) {
        self.securityProtocol = securityProtocol
        self.tls = tls
        self.sasl = sasl
    }

    /// Reads the keys; TLS stores are loaded now, so a wrong path or password fails before connecting.
    public init(properties: [String: String]) throws {
        let reader = PropertyReader(properties)
        let protocolName = reader.string("security.protocol") ?? SecurityProtocol.plaintext.rawValue
        guard let securityProtocol = SecurityProtocol(name: protocolName) else {
            throw KafkaClientError.invalidConfiguration(SecurityProtocol.invalidValueMessage(protocolName))
        }
        self.securityProtocol = securityProtocol
        do {
            tls = securityProtocol.usesTLS ? try TLSSettings(properties: properties) : nil
        } catch let error as TLSSettingsError {
            throw KafkaClientError.invalidConfiguration(error.description)
        }
        sasl = securityProtocol.usesSASL ? try Self.readSasl(reader) : nil
    }

    private static func readSasl(_ reader: PropertyReader) throws -> Sasl {
        // Java's default mechanism is GSSAPI (Kerberos), which is not spoken here.
        let name = reader.string("sasl.mechanism") ?? "GSSAPI"
        guard let mechanism = SaslMechanism(name: name) else {
            let hint = name == "GSSAPI" && reader.string("sasl.mechanism") == nil ? " (Kafka's default when sasl.mechanism is not set)" : ""
            throw KafkaClientError.invalidConfiguration(
                "SASL mechanism \(name)\(hint) is not supported; set sasl.mechanism to one of \(SaslMechanism.supportedNames)")
        }
        guard let jaasText = reader.string("sasl.jaas.config"), !jaasText.isEmpty else {
            throw KafkaClientError.invalidConfiguration(
                "Could not find a 'KafkaClient' entry in the JAAS configuration: set sasl.jaas.config for SASL mechanism \(name), e.g. "
                    + "sasl.jaas.config=\(mechanism == .plain ? JaasConfig.plainLoginModule : JaasConfig.scramLoginModule) "
                    + "required username=\"...\" password=\"...\";")
        }
        do {
            let jaas = try JaasConfig(parsing: jaasText)
            return Sasl(mechanism: mechanism, credentials: try SaslCredentials(jaas: jaas, mechanism: mechanism))
        } catch {
            throw KafkaClientError.invalidConfiguration("Invalid value for configuration sasl.jaas.config: \(error)")
        }
    }
}
