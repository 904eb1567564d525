/// Per-topic config overrides, one file per topic: `<log.dir>/__topic_configs/<topic>.properties`, `key=value`
/// lines sorted by key. Only overrides are stored; defaults stay with the broker's config.
public enum TopicConfigFile {
    public static func format(_ configs: [String: String]) -> String {
        configs.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.escape($0.value))\n" }.joined()
    }

    public static func parse(_ text: String) -> [String: String] {
        var configs: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard line.first != "#", let equals = line.firstIndex(of: "=") else { continue }
            configs[String(line[..<equals])] = unescape(line[line.index(after: equals)...])
        }
        return configs
    }

    // Values may hold anything a client sends (e.g. a newline inside a list); keep one entry per line.
    static func escape(_ value: String) -> String {
        value.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    static func unescape(_ value: Substring) -> String {
        var result = ""
        var escaping = false
        for character in value {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
