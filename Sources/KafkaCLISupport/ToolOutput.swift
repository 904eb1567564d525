/// Where a tool's lines go. Stdout is collected and written in chunks; a stderr line first flushes stdout so the
/// two streams keep their order on a terminal. Tests pass closures that capture the text instead.
public final class ToolOutput {
    private var pending = ""
    private let chunkSize: Int
    private let writeOut: (String) -> Void
    private let writeError: (String) -> Void

    public init(
        chunkSize: Int = 64 << 10, out: @escaping (String) -> Void = writeToStandardOutput,
        error: @escaping (String) -> Void = writeToStandardError
    ) {
        self.chunkSize = chunkSize
        writeOut = out
        writeError = error
    }

    /// `System.out.println`.
    public func line(_ text: String) {
        pending += text
        pending += "\n"
        if pending.utf8.count >= chunkSize { flush() }
    }

    /// `System.out.print`: text without a line end (a terminal control sequence).
    public func write(_ text: String) {
        pending += text
        if pending.utf8.count >= chunkSize { flush() }
    }

    /// `System.err.println`.
    public func errorLine(_ text: String) {
        flush()
        writeError(text + "\n")
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        writeOut(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
