#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// The real disk, through blocking POSIX calls. Callers keep these calls off event loops (the partition actors run
/// on the cooperative pool; page-cache writes are microseconds, fsync only when configured).
public struct PosixFileSystem: StorageFileSystem {
    public init() {}

    public func openFile(_ path: String, create: Bool) throws -> any StorageFile {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw StorageError.notFound(path: path) }
            throw StorageError.io(operation: "open", path: path, errno: code)
        }
        return PosixFile(descriptor: descriptor, path: path)
    }

    /// Opens an existing file for reading only: offline tools must work on files they may not write (and never
    /// write by mistake).
    public func openFileForReading(_ path: String) throws -> any StorageFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw StorageError.notFound(path: path) }
            throw StorageError.io(operation: "open", path: path, errno: code)
        }
        return PosixFile(descriptor: descriptor, path: path)
    }

    public func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func createDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        var parent = path
        while parent.hasSuffix("/") { parent.removeLast() }
        if let slash = parent.lastIndex(of: "/"), slash != parent.startIndex {
            try createDirectory(String(parent[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw StorageError.io(operation: "mkdir", path: path, errno: errno)
        }
    }

    public func listDirectory(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else {
            let code = errno
            if code == ENOENT { throw StorageError.notFound(path: path) }
            throw StorageError.io(operation: "opendir", path: path, errno: code)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw StorageError.io(operation: "unlink", path: path, errno: errno)
        }
    }

    public func removeDirectory(_ path: String) throws {
        guard isDirectory(path) else { return try removeFile(path) }
        for name in try listDirectory(path) {
            let child = joinPath(path, name)
            if isDirectory(child) { try removeDirectory(child) } else { try removeFile(child) }
        }
        guard rmdir(path) == 0 || errno == ENOENT else {
            throw StorageError.io(operation: "rmdir", path: path, errno: errno)
        }
    }

    public func rename(_ from: String, to: String) throws {
        #if canImport(Glibc) || canImport(Musl)
        let result = Glibc.rename(from, to)
        #else
        let result = Darwin.rename(from, to)
        #endif
        guard result == 0 else { throw StorageError.io(operation: "rename", path: from, errno: errno) }
    }

    public func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.io(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError.io(operation: "fsync", path: path, errno: errno) }
    }
}

/// An open descriptor, closed when the last reference goes.
final class PosixFile: StorageFile {
    let descriptor: CInt
    let path: String

    init(descriptor: CInt, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    var fileDescriptor: CInt? { descriptor }

    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw error("fstat") }
        return Int64(info.st_size)
    }

    func read(at offset: Int64, length: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        var buffer = allocator.buffer(capacity: length)
        var done = 0
        var atEnd = false
        while done < length && !atEnd {
            let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length - done) { pointer in
                while true {
                    let result = pread(descriptor, pointer.baseAddress, length - done, off_t(offset) + off_t(done))
                    if result >= 0 { return result }
                    if errno != EINTR { throw self.error("pread") }
                }
            }
            atEnd = count == 0
            done += count
        }
        return buffer
    }

    func write(_ bytes: ByteBuffer, at offset: Int64) throws {
        try bytes.withUnsafeReadableBytes { pointer in
            var done = 0
            while done < pointer.count {
                let result = pwrite(
                    descriptor, pointer.baseAddress.map { $0 + done }, pointer.count - done, off_t(offset) + off_t(done))
                if result < 0 {
                    if errno == EINTR { continue }
                    if errno == ENOSPC { throw StorageError.noSpace(path: path) }
                    throw error("pwrite")
                }
                done += result
            }
        }
    }

    func truncate(to size: Int64) throws {
        guard ftruncate(descriptor, off_t(size)) == 0 else {
            if errno == ENOSPC { throw StorageError.noSpace(path: path) }
            throw error("ftruncate")
        }
    }

    func sync() throws {
        guard fsync(descriptor) == 0 else { throw error("fsync") }
    }

    private func error(_ operation: String) -> StorageError {
        .io(operation: operation, path: path, errno: errno)
    }
}
