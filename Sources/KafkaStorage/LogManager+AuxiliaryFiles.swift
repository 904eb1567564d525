import NIOCore

/// Small files of the broker's own in the log dir (ACLs, ...), beside the partition directories: plain files, so
/// the partition-dir scan never takes them for logs.
extension LogManager {
    /// The file's text, nil when it does not exist.
    public func readAuxiliaryFile(_ name: String) throws -> String? {
        let path = path(name)
        guard fileSystem.fileExists(path) else { return nil }
        return String(buffer: try fileSystem.readSmallFile(path))
    }

    /// Replaces the file atomically and durably (temporary file, fsync, rename, directory fsync).
    public func writeAuxiliaryFile(_ name: String, contents: String) throws {
        try fileSystem.writeFileAtomically(path(name), contents: contents, directory: logDirectory)
    }
}
