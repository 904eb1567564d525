/// Bridges jopt-simple's option syntax, which Apache's tools use, to swift-argument-parser's.
///
/// jopt-simple treats `-name` and `-name=value` as the long option `name` when `name` is a recognised option
/// (`OptionParser.handleShortOptionToken`), so `kafka-topics -list` works. swift-argument-parser would read `-list`
/// as a cluster of short flags, so these tokens are rewritten to `--name` / `--name=value` first.
public enum JoptArguments {
    /// Rewrites `-name` and `-name=value` to `--name` and `--name=value` when `name` is in `longOptions` (names
    /// without dashes). Everything else is left alone: unknown names, short-option clusters, `-`, negative numbers
    /// and every token after `--`.
    ///
    /// - Parameter requiringArgument: names of options that take a required argument. jopt-simple hands such an
    ///   option the next token whatever it looks like (`--topic -x` names the topic `-x`); those pairs are joined
    ///   into `--name=value` so that swift-argument-parser takes the value as is and never rewrites it. Empty by
    ///   default: then only the rewriting above happens.
    public static func normalize(
        _ argv: [String], longOptions: Set<String>, requiringArgument: Set<String> = []
    ) -> [String] {
        var result: [String] = []
        result.reserveCapacity(argv.count)
        var index = argv.startIndex
        while index < argv.endIndex {
            let token = argv[index]
            index += 1
            if token == "--" {
                result.append(contentsOf: argv[(index - 1)...])
                break
            }
            guard let option = optionToken(token, longOptions: longOptions) else {
                result.append(token)
                continue
            }
            if option.value == nil, requiringArgument.contains(option.name), index < argv.endIndex {
                result.append("--\(option.name)=\(argv[index])")
                index += 1
            } else if let value = option.value {
                result.append("--\(option.name)=\(value)")
            } else {
                result.append("--\(option.name)")
            }
        }
        return result
    }

    /// A token that names a recognised long option with one or two dashes, split on its first `=` as jopt-simple's
    /// `KeyValuePair.valueOf` does (`-name=` has the empty value).
    private static func optionToken(_ token: String, longOptions: Set<String>) -> (name: String, value: String?)? {
        guard token.hasPrefix("-"), token != "-" else { return nil }
        let body = token.hasPrefix("--") ? token.dropFirst(2) : token.dropFirst()
        let name: Substring
        let value: String?
        if let equals = body.firstIndex(of: "=") {
            name = body[..<equals]
            value = String(body[body.index(after: equals)...])
        } else {
            name = body
            value = nil
        }
        guard longOptions.contains(String(name)) else { return nil }
        return (String(name), value)
    }
}
