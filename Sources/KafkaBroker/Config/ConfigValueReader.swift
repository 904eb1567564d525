/// Typed access to raw config values with Apache's `ConfigDef` rules: values are trimmed, booleans are
/// case-insensitive, and range errors use Apache's wording.
struct ConfigValueReader {
    let values: [String: String]

    func raw(_ key: String) -> String? { values[key] }

    func list(_ key: String) -> [String] {
        (values[key] ?? "").split(separator: ",").map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = values[key] else { return nil }
        switch value.trimmingBlanks().lowercased() {
        case "true": return true
        case "false": return false
        default: throw ConfigError.invalidValue(key: key, value: value, reason: "Expected value to be either true or false")
        }
    }

    func int32(_ key: String, atLeast minimum: Int32? = nil, atMost maximum: Int32? = nil) throws -> Int32? {
        guard let value = values[key] else { return nil }
        guard let number = Int32(value.trimmingBlanks()) else {
            throw ConfigError.invalidValue(key: key, value: value, reason: "Not a number of type INT")
        }
        try check(key, value, Int64(number), minimum.map(Int64.init), maximum.map(Int64.init))
        return number
    }

    func int64(_ key: String, atLeast minimum: Int64? = nil) throws -> Int64? {
        guard let value = values[key] else { return nil }
        guard let number = Int64(value.trimmingBlanks()) else {
            throw ConfigError.invalidValue(key: key, value: value, reason: "Not a number of type LONG")
        }
        try check(key, value, number, minimum, nil)
        return number
    }

    private func check(_ key: String, _ value: String, _ number: Int64, _ minimum: Int64?, _ maximum: Int64?) throws {
        if let minimum, number < minimum {
            throw ConfigError.invalidValue(key: key, value: value, reason: "Value must be at least \(minimum)")
        }
        if let maximum, number > maximum {
            throw ConfigError.invalidValue(key: key, value: value, reason: "Value must be no more than \(maximum)")
        }
    }
}
