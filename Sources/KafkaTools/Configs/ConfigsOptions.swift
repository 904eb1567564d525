import KafkaCLISupport

/// `ConfigCommand.ConfigCommandOptions`: the options kafka-configs accepts, as jopt-simple declares them, plus
/// our `--output`.
enum ConfigsOptions {
    static let helpBlurb =
        "This tool helps to manipulate and describe entity config for a topic, client, user, broker, ip, client-metrics or group"

    /// `ConfigType.ALL` followed by the types only `--bootstrap-server` reaches, in Apache's order.
    static let entityTypes = [
        "topics", "clients", "users", "brokers", "ips", "broker-loggers", "client-metrics", "groups",
    ]

    /// The shorthand flags that name an entity, and the type each stands for (`entityFlags`).
    static let entityFlags: [(option: String, type: String)] = [
        ("topic", "topics"), ("client", "clients"), ("user", "users"), ("broker", "brokers"),
        ("broker-logger", "broker-loggers"), ("ip", "ips"), ("client-metrics", "client-metrics"), ("group", "groups"),
    ]
    /// The shorthand flags that stand for a type's default entity (`entityDefaultsFlags`).
    static let entityDefaultFlags: [(option: String, type: String)] = [
        ("client-defaults", "clients"), ("user-defaults", "users"), ("broker-defaults", "brokers"),
        ("ip-defaults", "ips"),
    ]

    static let parser = JoptParser([
        .value("bootstrap-server"), .value("bootstrap-controller"), .value("command-config"),
        .flag("alter"), .flag("describe"), .flag("all"),
        .value("entity-type"), .value("entity-name"), .flag("entity-default"),
        .value("add-config"), .value("add-config-file"), .value("delete-config", separator: ","), .flag("force"),
        .value("topic"), .value("client"), .flag("client-defaults"), .value("user"), .flag("user-defaults"),
        .value("broker"), .flag("broker-defaults"), .value("broker-logger"), .flag("ip-defaults"), .value("ip"),
        .value("group"), .value("client-metrics"),
        .value("output"), JoptOption.help, JoptOption.version,
    ])
}
