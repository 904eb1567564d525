/// One config Kafka describes for a topic or the broker: its type, default, the broker keys it falls back to, and
/// Apache's validation (with Apache's `ConfigException` wording).
public struct ConfigDefinition: Sendable {
    /// DescribeConfigs' ConfigType (KIP-569).
    public enum ValueType: Int8, Sendable {
        case boolean = 1, string = 2, int = 3, short = 4, long = 5, double = 6, list = 7, `class` = 8, password = 9

        var apacheName: String {
            switch self {
            case .boolean: "BOOLEAN"
            case .string: "STRING"
            case .int: "INT"
            case .short: "SHORT"
            case .long: "LONG"
            case .double: "DOUBLE"
            case .list: "LIST"
            case .class: "CLASS"
            case .password: "PASSWORD"
            }
        }
    }

    public enum Rule: Sendable {
        case none
        case atLeast(Double)
        case between(Double, Double)
        case oneOf([String])
        case listOf([String])
        /// -1 or within the range (the compression levels).
        case defaultOrBetween(Double, Double)
    }

    public let name: String
    public let type: ValueType
    /// Apache's built-in default (nil: Apache's default is null).
    public let defaultValue: String?
    /// Broker keys this config falls back to, most specific first (`log.retention.ms` before `.hours`).
    public let brokerSynonyms: [String]
    public let rule: Rule
    public let isSensitive: Bool

    public init(
        _ name: String, _ type: ValueType, _ defaultValue: String?, synonyms: [String] = [], rule: Rule = .none,
        isSensitive: Bool = false
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.brokerSynonyms = synonyms
        self.rule = rule
        self.isSensitive = isSensitive
    }

    /// Why `value` is not acceptable, in Apache's words, or nil.
    public func validate(_ value: String) -> String? {
        let prefix = "Invalid value \(value) for configuration \(name): "
        let trimmed = value.trimmingBlanksForConfig
        var number: Double?
        switch type {
        case .boolean:
            let lower = trimmed.lowercased()
            if lower != "true" && lower != "false" { return prefix + "Expected value to be either true or false" }
        case .int, .short, .long:
            let parsed: Double? =
                switch type {
                case .int: Int32(trimmed).map(Double.init)
                case .short: Int16(trimmed).map(Double.init)
                default: Int64(trimmed).map(Double.init)
                }
            guard let parsed else { return prefix + "Not a number of type \(type.apacheName)" }
            number = parsed
        case .double:
            guard let parsed = Double(trimmed) else { return prefix + "Not a number of type DOUBLE" }
            number = parsed
        case .string, .list, .class, .password:
            break
        }
        switch rule {
        case .none:
            return nil
        case .atLeast(let minimum):
            if let number, number < minimum { return prefix + "Value must be at least \(Self.show(minimum))" }
        case .between(let low, let high), .defaultOrBetween(let low, let high):
            if case .defaultOrBetween = rule, number == -1 { return nil }
            if let number, number < low {
                return prefix + "Value must be at least \(Self.show(low))"
            }
            if let number, number > high { return prefix + "Value must be no more than \(Self.show(high))" }
        case .oneOf(let choices):
            if !choices.contains(trimmed) { return prefix + "String must be one of: \(choices.joined(separator: ", "))" }
        case .listOf(let choices):
            let items = trimmed.split(separator: ",").map { String($0).trimmingBlanksForConfig }
            for item in items where !choices.contains(item) {
                return "Invalid value \(item) for configuration \(name): String must be one of: "
                    + choices.joined(separator: ", ")
            }
        }
        return nil
    }

    static func show(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e18 ? String(Int64(number)) : String(number)
    }
}

extension String {
    var trimmingBlanksForConfig: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
