import ArgumentParser

extension ParsableCommand {
    /// The process arguments for a tool's own (jopt-style) parser. Completion-script and manual requests belong
    /// to swift-argument-parser: they are answered here and the process exits.
    public static func toolArguments() -> [String] {
        let argv = Array(CommandLine.arguments.dropFirst())
        if ToolEntry.isArgumentParserRequest(argv) {
            main(argv)
            ToolEntry.exit(0)
        }
        return argv
    }
}
