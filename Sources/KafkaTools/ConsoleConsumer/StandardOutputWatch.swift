#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Notices that the reader of a stdout pipe went away while nothing is being written (`… | head -1` on a quiet
/// topic): Java only finds out at its next write, which may never come; poll(2) reports POLLERR on such a pipe.
enum StandardOutputWatch {
    /// Whether stdout is a pipe or a socket, the only kinds whose reader can leave.
    static var isPipe: Bool {
        var status = stat()
        guard fstat(1, &status) == 0 else { return false }
        let kind = status.st_mode & S_IFMT
        return kind == S_IFIFO || kind == S_IFSOCK
    }

    /// True once nobody can read what is written to stdout.
    @Sendable static func readerGone() -> Bool {
        var descriptor = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLERR | POLLHUP) != 0
    }
}
