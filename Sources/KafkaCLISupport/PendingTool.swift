import ArgumentParser

/// What every not-yet-built tool does: `--help` describes it and exits 0; anything else prints one line and exits 1.
public protocol PendingTool: ParsableCommand {
    /// The arguments, accepted unparsed so that any Apache command line reaches the "not implemented" line.
    var arguments: [String] { get }
}

extension PendingTool {
    public func run() throws {
        printToStandardError("\(Self._commandName): not implemented yet")
        throw ExitCode(1)
    }
}
