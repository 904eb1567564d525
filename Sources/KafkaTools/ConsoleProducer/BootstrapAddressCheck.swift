/// `ToolsUtils.validateBootstrapServer`: every comma-separated entry must match Kafka's `HOST_PORT_PATTERN`,
/// `^(?:[0-9a-zA-Z\-%._]*://)?\[?([0-9a-zA-Z\-%._:]*)]?:([0-9]+)` as a whole.
enum BootstrapAddressCheck {
    static let missing = "Error while validating the bootstrap address"
    static let invalid = "Please provide valid host:port like host1:9091,host2:9092"

    /// Apache's message for a bad `--bootstrap-server` (without its trailing newline), or nil when it is fine.
    static func problem(_ servers: String?) -> String? {
        guard let servers, !trimsToEmpty(servers) else { return missing }
        let entries = javaSplitOnComma(servers)
        if entries.isEmpty { return invalid }
        for entry in entries {
            guard let port = portDigits(String(entry)) else { return invalid }
            // `Integer.parseInt` overflows past Int32 with a NumberFormatException, which Apache prints as is.
            if Int32(port) == nil { return "For input string: \"\(port)\"" }
        }
        return nil
    }

    /// The port's digits when `entry` matches the pattern.
    static func portDigits(_ entry: String) -> Substring? {
        var rest = Substring(entry)
        if let scheme = rest.firstRange(of: "://"), rest[..<scheme.lowerBound].allSatisfy(isSchemeCharacter) {
            rest = rest[scheme.upperBound...]
        }
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        let port = rest[rest.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var host = rest[..<colon]
        if host.hasPrefix("[") { host = host.dropFirst() }
        if host.hasSuffix("]") { host = host.dropLast() }
        return host.allSatisfy(isHostCharacter) ? port : nil
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-%._".contains(character))
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        isSchemeCharacter(character) || character == ":"
    }

    /// `String.split(",")`: trailing empty pieces are dropped.
    private static func javaSplitOnComma(_ text: String) -> [Substring] {
        var pieces = text.split(separator: ",", omittingEmptySubsequences: false)
        while let last = pieces.last, last.isEmpty { pieces.removeLast() }
        return pieces
    }

    /// `trim().isEmpty()`: nothing but characters up to U+0020.
    private static func trimsToEmpty(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value <= 0x20 }
    }
}
