#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few blocking file operations the broker needs before it serves (config, meta.properties), on plain
/// POSIX calls so start-up does not pay for loading Foundation.
enum FileIO {
    struct Error: Swift.Error, CustomStringConvertible {
        let description: String

        static func posix(_ what: String, _ path: String) -> Error {
            Error(description: "\(what) \(path): \(String(cString: strerror(errno)))")
        }
    }

    static func readText(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Error.posix("cannot open", path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Error.posix("cannot read", path)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Writes to a temporary file, fsyncs it and renames it over `path`, so a crash never leaves half a file.
    static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Error.posix("cannot create", temporary) }
        var failed = false
        var utf8 = Array(text.utf8)[...]
        while !utf8.isEmpty {
            let written = utf8.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failed = true
                break
            }
            utf8 = utf8.dropFirst(written)
        }
        if failed || fsync(fd) != 0 {
            let error = Error.posix("cannot write", temporary)
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw Error.posix("cannot rename to", path) }
    }

    /// `mkdir -p`; also checks that the result is a writable directory.
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw Error.posix("cannot create directory", prefix) }
        }
        // opendir rather than stat: which C module owns `struct stat` depends on what else the module imports
        // (NIOSSL, Foundation), which MemberImportVisibility then insists on.
        guard let directory = opendir(path) else { throw Error(description: "\(path) is not a directory") }
        closedir(directory)
        guard access(path, W_OK) == 0 else { throw Error.posix("cannot write to", path) }
    }
}
