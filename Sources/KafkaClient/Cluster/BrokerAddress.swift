/// A `host:port` from `bootstrap.servers` or from metadata.
public struct BrokerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host:port` (`[v6]:port` for IPv6 literals), as Kafka's `ClientUtils.parseAndValidateAddresses`.
    public init(parsing text: String) throws {
        let entry = text.trimmingBlanks()
        let invalid = KafkaClientError.invalidConfiguration("Invalid url in bootstrap.servers: \(entry)")
        let hostPart: Substring
        let portPart: Substring
        if entry.hasPrefix("[") {
            guard let close = entry.firstIndex(of: "]"),
                entry[entry.index(after: close)...].hasPrefix(":")
            else { throw invalid }
            hostPart = entry[entry.index(after: entry.startIndex)..<close]
            portPart = entry[entry.index(close, offsetBy: 2)...]
        } else {
            guard let colon = entry.lastIndex(of: ":") else { throw invalid }
            hostPart = entry[..<colon]
            portPart = entry[entry.index(after: colon)...]
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else { throw invalid }
        self.init(host: String(hostPart), port: port)
    }

    /// Parses a comma-separated `bootstrap.servers` list; blanks are skipped, an empty list is an error.
    public static func parseList(_ text: String) throws -> [BrokerAddress] {
        let entries = text.split(separator: ",").map { String($0).trimmingBlanks() }.filter { !$0.isEmpty }
        guard !entries.isEmpty else {
            throw KafkaClientError.invalidConfiguration("No resolvable bootstrap urls given in bootstrap.servers")
        }
        return try entries.map(BrokerAddress.init(parsing:))
    }
}
