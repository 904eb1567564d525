/// jopt-simple's `OptionParser.parse` for a parser built with `new OptionParser(false)` (no abbreviations), as
/// Apache's `CommandDefaultOptions` builds it: `--name value`, `--name=value`, `-name value` and `-name=value`;
/// unknown names, short clusters and missing arguments are jopt's errors; other tokens are ignored; `--` ends the
/// options.
public struct JoptParser: Sendable {
    public let options: [JoptOption]
    private let byName: [String: JoptOption]

    public init(_ options: [JoptOption]) {
        self.options = options
        byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func parse(_ argv: [String]) throws(JoptError) -> JoptParsedArguments {
        let tokens = JoptArguments.normalize(
            argv, longOptions: Set(byName.keys),
            requiringArgument: Set(options.filter { $0.argument == .required }.map(\.name)))
        var occurrences: [JoptParsedArguments.Occurrence] = []
        var ignored: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            if token == "--" {
                ignored += tokens[index...]
                break
            }
            guard token.hasPrefix("-"), token != "-" else {
                ignored.append(token)
                continue
            }
            let isLong = token.hasPrefix("--")
            let body = token.dropFirst(isLong ? 2 : 1)
            let (name, glued) = Self.splitKeyValue(body)
            guard let option = byName[name] else {
                // jopt reads an unknown single-dash token as a cluster of one-letter options and names the first.
                let unknown = isLong ? name : body.first.map(String.init) ?? ""
                throw .unrecognizedOption(unknown)
            }
            switch option.argument {
            case .none:
                occurrences.append(.init(name: name, value: nil))
            case .required:
                // jopt's `isNullOrEmpty(detectedArgument)`: `--name=` takes the next token too.
                if let glued, !glued.isEmpty {
                    occurrences += Self.values(glued, of: option)
                } else {
                    guard index < tokens.count else { throw .missingRequiredArgument(option: name) }
                    occurrences += Self.values(tokens[index], of: option)
                    index += 1
                }
            case .optional:
                if let glued, !glued.isEmpty {
                    occurrences += Self.values(glued, of: option)
                } else if index < tokens.count, !Self.looksLikeAnOption(tokens[index]) {
                    occurrences += Self.values(tokens[index], of: option)
                    index += 1
                } else {
                    occurrences.append(.init(name: name, value: nil))
                }
            }
        }
        return JoptParsedArguments(occurrences: occurrences, nonOptionArguments: ignored, argumentCount: argv.count)
    }

    /// jopt's `KeyValuePair.valueOf`: split on the first `=`.
    private static func splitKeyValue(_ body: Substring) -> (String, String?) {
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// `ArgumentAcceptingOptionSpec.addArguments`: a `StringTokenizer` over the separator drops empty pieces, and
    /// an argument with no pieces at all is kept whole.
    private static func values(_ argument: String, of option: JoptOption) -> [JoptParsedArguments.Occurrence] {
        guard let separator = option.separator else { return [.init(name: option.name, value: argument)] }
        let pieces = argument.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
        if pieces.isEmpty { return [.init(name: option.name, value: argument)] }
        return pieces.map { .init(name: option.name, value: $0) }
    }

    private static func looksLikeAnOption(_ token: String) -> Bool {
        token.hasPrefix("-") && token != "-" && token != "--"
    }
}
