/// Collects stdout text and hands it on in chunks (one write per 64 KiB, not per line); stderr lines go out at
/// once, after flushing stdout so that the two streams keep their order on a terminal.
final class DumpOutput {
    private var pending = ""
    private let chunkSize: Int
    private let writeOut: (String) -> Void
    private let writeError: (String) -> Void

    init(chunkSize: Int = 64 << 10, out: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.chunkSize = chunkSize
        writeOut = out
        writeError = error
        pending.reserveCapacity(chunkSize + 1024)
    }

    func line(_ text: String) {
        pending += text
        pending += "\n"
        if pending.utf8.count >= chunkSize { flush() }
    }

    func errorLine(_ text: String) {
        flush()
        writeError(text + "\n")
    }

    func flush() {
        guard !pending.isEmpty else { return }
        writeOut(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
