#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file system figures DescribeLogDirs v4+ reports for a log dir (Java's `FileStore` total and usable space).
enum DiskSpace {
    /// Total and usable bytes of the file system holding `path`, or nil when it cannot be queried (e.g. the
    /// in-memory log dirs of the tests).
    static func of(_ path: String) -> (total: Int64, usable: Int64)? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        let blockSize = UInt64(stats.f_frsize)
        // Apache clamps overflowing values to Long.MAX (adjustForLargeFileSystems).
        func clamp(_ blocks: UInt64) -> Int64 {
            let (bytes, overflow) = blocks.multipliedReportingOverflow(by: blockSize)
            return overflow || bytes > UInt64(Int64.max) ? .max : Int64(bytes)
        }
        return (clamp(UInt64(stats.f_blocks)), clamp(UInt64(stats.f_bavail)))
    }

    /// The absolute, symlink-free form of `path` (Apache reports log dirs absolute), or `path` when it does not
    /// resolve.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
