#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the jopt-style tools share at their entry point.
public enum ToolEntry {
    /// What `--version` prints: the Kafka release whose tools these mirror, marked as ours (the bundled broker
    /// reports the same).
    public static let version = "4.0.0-swift"

    /// Invocations that belong to swift-argument-parser rather than to Apache's command line: completion scripts
    /// (and their callbacks) and the manual plugin's dump of the option tree.
    public static func isArgumentParserRequest(_ argv: [String]) -> Bool {
        guard let first = argv.first else { return false }
        return first == "--experimental-dump-help" || first.hasPrefix("--generate-completion-script")
            || first.hasPrefix("---completion")
    }

    public static func exit(_ code: Int32) -> Never {
        #if canImport(Darwin)
            Darwin.exit(code)
        #elseif canImport(Musl)
            Musl.exit(code)
        #else
            Glibc.exit(code)
        #endif
    }
}
