#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `.properties` file from disk, for the tools' `--command-config`, `--producer.config`, `--reader-config`
/// and similar options; plain POSIX calls keep this module free of Foundation.
///
/// Java's `Properties.load(InputStream)` decodes ISO 8859-1; this decodes UTF-8 (invalid bytes become U+FFFD), so a
/// non-ASCII value such as a `key.separator` means what its author typed rather than Java's mojibake.
public enum PropertiesFile {
    public enum LoadError: Error, Hashable, Sendable, CustomStringConvertible {
        /// `open` or `read` failed with this `errno`.
        case unreadable(path: String, errorNumber: Int32)
        case malformed(path: String, JavaProperties.ParseError)

        /// Java's `FileNotFoundException` shape, `<path> (<strerror>)`, e.g. `/x (No such file or directory)`.
        public var description: String {
            switch self {
            case .unreadable(let path, let errorNumber):
                return "\(path) (\(String(cString: strerror(errorNumber))))"
            case .malformed(let path, let error):
                return "\(path): \(error)"
            }
        }
    }

    /// The file's settings; a key given twice keeps its last value, as `Properties.load` does.
    public static func load(path: String) throws -> [String: String] {
        let text = try readText(path)
        var values: [String: String] = [:]
        do {
            for entry in try JavaProperties.parse(text) { values[entry.key] = entry.value }
        } catch let error as JavaProperties.ParseError {
            throw LoadError.malformed(path: path, error)
        }
        return values
    }

    private static func readText(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LoadError.unreadable(path: path, errorNumber: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                // A directory opens fine on Linux and fails here with EISDIR: "<path> (Is a directory)", as in Java.
                throw LoadError.unreadable(path: path, errorNumber: errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
