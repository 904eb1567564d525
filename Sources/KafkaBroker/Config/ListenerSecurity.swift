import KafkaSecurity

/// How one served listener secures its connections, resolved from the raw settings with Kafka's per-listener
/// override rule: `listener.name.<lower-case name>.<key>` wins over `<key>`.
public struct ListenerSecurity: Sendable, Hashable, CustomStringConvertible {
    public var securityProtocol: SecurityProtocol
    /// `sasl.enabled.mechanisms` (SASL listeners only).
    public var saslMechanisms: [SaslMechanism] = []
    /// PLAIN users from the JAAS `user_<name>="<password>"` options (PLAIN enabled only). Secret: never printed.
    public var plainUsers: [String: String] = [:]
    /// `ssl.client.auth` (TLS listeners only).
    public var clientAuth: TLSClientAuth = .none
    /// The effective `ssl.*` settings (TLS listeners only), keys without the listener prefix. May hold passwords.
    public var sslProperties: [String: String] = [:]
    /// `connection.failed.authentication.delay.ms` (Kafka's default 100): how long a connection whose
    /// authentication failed stays open after the error answer.
    public var failedAuthenticationDelayMs = 100
    /// `sasl.server.max.receive.size`: the largest frame accepted before SASL authentication.
    public var saslMaxReceiveSize = 524_288

    public init(securityProtocol: SecurityProtocol) {
        self.securityProtocol = securityProtocol
    }

    public static let plaintext = ListenerSecurity(securityProtocol: .plaintext)

    /// No users, passwords or store passwords: safe for logs.
    public var description: String {
        var parts = [securityProtocol.rawValue]
        if securityProtocol.usesSASL { parts.append("sasl.enabled.mechanisms=\(saslMechanisms.map(\.rawValue).joined(separator: ","))") }
        if securityProtocol.usesTLS { parts.append("ssl.client.auth=\(clientAuth.rawValue)") }
        return parts.joined(separator: " ")
    }

    /// Kafka's default `sasl.enabled.mechanisms`.
    static let defaultMechanisms = "GSSAPI"

    static func resolve(listener name: String, protocol security: SecurityProtocol, values: [String: String]) throws
        -> ListenerSecurity
    {
        var result = ListenerSecurity(securityProtocol: security)
        let prefix = "listener.name.\(name.lowercased())."
        func value(_ key: String) -> (key: String, value: String)? {
            if let value = values[prefix + key] { return (prefix + key, value) }
            return values[key].map { (key, $0) }
        }
        if security.usesTLS {
            for (key, value) in values where key.hasPrefix("ssl.") { result.sslProperties[key] = value }
            for (key, value) in values where key.hasPrefix(prefix + "ssl.") {
                result.sslProperties[String(key.dropFirst(prefix.count))] = value
            }
            // The stores themselves are loaded when the listener binds; a missing keystore is a config error.
            guard result.sslProperties["ssl.keystore.location"] != nil || result.sslProperties["ssl.keystore.key"] != nil else {
                throw ConfigError.invalidValue(
                    key: prefix + "ssl.keystore.location", value: "null",
                    reason: "The \(security.rawValue) listener \(name) needs a keystore: set ssl.keystore.location (or ssl.keystore.key and ssl.keystore.certificate.chain), optionally with the \(prefix) prefix")
            }
            // KIP-684: on SASL_SSL only the listener-prefixed ssl.client.auth applies (SASL authenticates there).
            let auth = security == .ssl ? value("ssl.client.auth") : values[prefix + "ssl.client.auth"].map { (prefix + "ssl.client.auth", $0) }
            if let (key, text) = auth {
                guard let parsed = TLSClientAuth(name: String(text.trimmingBlanks())) else {
                    throw ConfigError.invalidValue(key: key, value: text, reason: "String must be one of: required, requested, none")
                }
                result.clientAuth = parsed
            }
        }
        if let (key, text) = value("connection.failed.authentication.delay.ms") {
            guard let delay = Int(text.trimmingBlanks()), delay >= 0 else {
                throw ConfigError.invalidValue(key: key, value: text, reason: "Value must be at least 0")
            }
            result.failedAuthenticationDelayMs = delay
        }
        if let (key, text) = value("sasl.server.max.receive.size") {
            guard let size = Int32(text.trimmingBlanks()), size >= 0 else {
                throw ConfigError.invalidValue(key: key, value: text, reason: "Not a number of type INT")
            }
            result.saslMaxReceiveSize = Int(size)
        }
        if security.usesSASL {
            let (key, text) = value("sasl.enabled.mechanisms") ?? ("sasl.enabled.mechanisms", defaultMechanisms)
            result.saslMechanisms = try parseMechanisms(text, key: key, listener: name)
            if result.saslMechanisms.contains(.plain) {
                result.plainUsers = try plainUsers(listener: name, prefix: prefix, values: values)
            }
        }
        return result
    }

    private static func parseMechanisms(_ text: String, key: String, listener: String) throws -> [SaslMechanism] {
        let names = text.split(separator: ",").map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
        var mechanisms: [SaslMechanism] = []
        for name in names {
            guard let mechanism = SaslMechanism(name: name) else {
                // GSSAPI (Kafka's default) and OAUTHBEARER need Kerberos / token infrastructure this broker lacks.
                throw ConfigError.invalidValue(
                    key: key, value: text,
                    reason: "SASL mechanism \(name) is not supported by this broker (listener \(listener)); supported: \(SaslMechanism.supportedNames)")
            }
            if !mechanisms.contains(mechanism) { mechanisms.append(mechanism) }
        }
        guard !mechanisms.isEmpty else {
            throw ConfigError.invalidValue(key: key, value: text, reason: "No SASL mechanism enabled for listener \(listener)")
        }
        return mechanisms
    }

    /// `user_<name>` options of the PlainLoginModule entry, found in Kafka's order for the broker:
    /// `listener.name.<l>.plain.sasl.jaas.config`, then (an extension: Kafka warns and ignores these on a broker)
    /// `listener.name.<l>.sasl.jaas.config` and `sasl.jaas.config`.
    private static func plainUsers(listener: String, prefix: String, values: [String: String]) throws -> [String: String] {
        let keys = [prefix + "plain.sasl.jaas.config", prefix + "sasl.jaas.config", "sasl.jaas.config"]
        guard let key = keys.first(where: { values[$0] != nil }), let text = values[key] else {
            throw ConfigError.invalidValue(
                key: prefix + "plain.sasl.jaas.config", value: "null",
                reason: "Could not find a 'KafkaServer' or '\(listener.lowercased()).KafkaServer' entry in the JAAS configuration. System property 'java.security.auth.login.config' is not set")
        }
        let modules: [JaasConfig]
        do {
            modules = try JaasConfig.parseModules(text)
        } catch {
            // The value holds passwords: shown as Kafka shows a password, [hidden].
            throw ConfigError.invalidValue(key: key, value: "[hidden]", reason: error.description)
        }
        var users: [String: String] = [:]
        for module in modules where module.loginModule == JaasConfig.plainLoginModule {
            for (option, password) in module.options where option.hasPrefix("user_") {
                users[String(option.dropFirst("user_".count))] = password
            }
        }
        guard modules.contains(where: { $0.loginModule == JaasConfig.plainLoginModule }) else {
            throw ConfigError.invalidValue(
                key: key, value: "[hidden]",
                reason: "No \(JaasConfig.plainLoginModule) entry for the PLAIN mechanism of listener \(listener)")
        }
        return users
    }
}
