import CReadline
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lines typed at a terminal: readline shows Apache's `>` prompt and gives line editing and a history kept in
/// `~/.kafka_console_producer_history`. Each `readline` call blocks, so it runs on NIO's blocking-I/O thread pool.
struct ReadlineInput: ConsoleInput {
    static let prompt = ">"
    static let historyFileName = ".kafka_console_producer_history"
    /// Lines kept in the history file.
    static let historyLimit: Int32 = 1000

    private let historyPath: String?

    init(historyPath: String? = ReadlineInput.defaultHistoryPath()) {
        self.historyPath = historyPath
        // The tool's own SIGINT/SIGTERM handling flushes the producer; readline restores the terminal there.
        kafka_rl_set_catch_signals(0)
        using_history()
        if let historyPath, read_history(historyPath) != 0 {
            // append_history needs the file to exist.
            _ = write_history(historyPath)
        }
    }

    static func defaultHistoryPath() -> String? {
        guard let home = getenv("HOME") else { return nil }
        return String(cString: home) + "/" + historyFileName
    }

    mutating func nextBatch() async throws -> ConsoleLineBatch? {
        let historyPath = self.historyPath
        let line: [UInt8]? = try await NIOThreadPool.singleton.runIfActive {
            guard let text = readline(Self.prompt) else { return nil }
            defer { free(text) }
            if text.pointee != 0 {
                add_history(text)
                if let historyPath { _ = append_history(1, historyPath) }
            }
            return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
        }
        guard let line else {
            if let historyPath { _ = history_truncate_file(historyPath, Self.historyLimit) }
            return nil
        }
        let buffer = ByteBuffer(bytes: line)
        return ConsoleLineBatch(buffer: buffer, lines: [0..<line.count], isASCII: false)
    }

    /// Puts the terminal back the way readline found it; for a signal arriving mid-line.
    static func restoreTerminal() {
        rl_cleanup_after_signal()
    }
}
