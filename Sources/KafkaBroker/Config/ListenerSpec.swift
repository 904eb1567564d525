/// One entry of `listeners` or `advertised.listeners`: `NAME://host:port`. An empty host means every interface
/// (as in Apache); IPv6 hosts are written in brackets.
public struct ListenerSpec: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var host: String
    public var port: Int

    public init(name: String, host: String, port: Int) {
        self.name = name
        self.host = host
        self.port = port
    }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(name)://\(shownHost):\(port)"
    }

    /// Parses a comma-separated list; `key` names the setting in the error.
    static func parseList(_ text: String, key: String) throws -> [ListenerSpec] {
        let items = text.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        var result: [ListenerSpec] = []
        for item in items {
            guard let listener = parse(item) else {
                throw ConfigError.invalidValue(
                    key: key, value: text, reason: "Unable to parse \(item) to a broker endpoint")
            }
            if result.contains(where: { $0.name == listener.name }) {
                throw ConfigError.invalidValue(
                    key: key, value: text, reason: "Each listener must have a different name, \(listener.name) repeats")
            }
            result.append(listener)
        }
        return result
    }

    private static func parse(_ item: Substring) -> ListenerSpec? {
        guard let schemeEnd = item.range(of: "://") else { return nil }
        let name = item[..<schemeEnd.lowerBound].uppercased()
        var rest = item[schemeEnd.upperBound...]
        let host: Substring
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { return nil }
            host = rest[..<colon]
            rest = rest[rest.index(after: colon)...]
        }
        guard !name.isEmpty, !host.contains("/"), let port = Int(rest), (0...65535).contains(port) else { return nil }
        return ListenerSpec(name: String(name), host: String(host), port: port)
    }
}

extension StringProtocol where SubSequence == Substring {
    /// The text without leading and trailing spaces and tabs (no Foundation needed).
    func trimmingBlanks() -> Substring {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}

extension Substring {
    func range(of needle: String) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index..<self.index(index, offsetBy: needle.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
