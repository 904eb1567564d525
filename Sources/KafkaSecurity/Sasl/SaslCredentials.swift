/// The user name and password a SASL client authenticates with. Its descriptions and mirror leave the password
/// out, so printing or dumping one never shows it.
public struct SaslCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The `username` and `password` options of a `sasl.jaas.config` line (PlainLoginModule or ScramLoginModule).
    public init(jaas: JaasConfig, mechanism: SaslMechanism) throws(JaasConfigError) {
        let known = [JaasConfig.plainLoginModule, JaasConfig.scramLoginModule]
        guard known.contains(jaas.loginModule) else {
            throw JaasConfigError(
                "Login module \(jaas.loginModule) is not supported here; use \(JaasConfig.plainLoginModule) or "
                    + "\(JaasConfig.scramLoginModule)")
        }
        guard let username = jaas.options["username"], let password = jaas.options["password"] else {
            throw JaasConfigError(
                "sasl.jaas.config must set username and password for SASL mechanism \(mechanism.rawValue)")
        }
        self.init(username: username, password: password)
    }

    public var description: String { "SaslCredentials(username: \(username), password: [hidden])" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["username": username], displayStyle: .struct) }
}
