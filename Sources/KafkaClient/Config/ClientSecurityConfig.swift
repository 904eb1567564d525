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
