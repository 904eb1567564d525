import NIOCore

/// The file operations the log needs, so tests can run the same code against a disk that tears writes, fills up
/// or crashes (`InMemoryFileSystem`) and the broker against the real one (`PosixFileSystem`). Paths are plain
/// strings joined with `/`.
public protocol StorageFileSystem: Sendable {
    /// Opens a file for reading and writing; creates it (empty) when `create` is true and it does not exist.
    func openFile(_ path: String, create: Bool) throws -> any StorageFile
    func fileExists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    /// Creates the directory and any missing parents.
    func createDirectory(_ path: String) throws
    /// The names (not paths) in a directory, unsorted, without `.` and `..`.
    func listDirectory(_ path: String) throws -> [String]
    func removeFile(_ path: String) throws
    /// Removes a directory and everything in it.
    func removeDirectory(_ path: String) throws
    /// Atomic replace, as checkpoint files need.
    func rename(_ from: String, to: String) throws
    /// Makes renames and creations inside `path` durable.
    func syncDirectory(_ path: String) throws
}

/// An open file. Handles close themselves when the last reference goes, so a `FileSlice` handed to the network
/// layer keeps its descriptor valid even if retention deletes the segment meanwhile (as Kafka defers deletion).
public protocol StorageFile: AnyObject, Sendable {
    func size() throws -> Int64
    /// Up to `length` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int64, length: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer
    /// Writes all readable bytes of `bytes` at `offset`, or throws (possibly after a partial write).
    func write(_ bytes: ByteBuffer, at offset: Int64) throws
    /// Sets the size, dropping bytes past it or extending with zeros (sparse where the file system allows).
    func truncate(to size: Int64) throws
    func sync() throws
    /// The descriptor for `sendfile`, when the file is a real one.
    var fileDescriptor: CInt? { get }
}

/// Why storage failed. The broker maps every case to KAFKA_STORAGE_ERROR except the ones about bad input.
public enum StorageError: Error, Hashable, Sendable {
    /// A system call failed; `errno` is kept so callers can tell ENOSPC from EIO.
    case io(operation: String, path: String, errno: Int32)
    case noSpace(path: String)
    case notFound(path: String)
    /// A file exists but does not hold what its format says it should.
    case corruptFile(path: String, detail: String)
    /// The produced records are not a valid set of v2 batches (broker: CORRUPT_MESSAGE / INVALID_RECORD).
    case invalidRecords(String)
    case corruptRecords(String)
    /// A single batch bigger than the partition accepts (broker: MESSAGE_TOO_LARGE).
    case recordTooLarge(size: Int, limit: Int)
    /// The requested offset is outside [log start, log end] (broker: OFFSET_OUT_OF_RANGE).
    case offsetOutOfRange(offset: Int64, logStartOffset: Int64, logEndOffset: Int64)
    case partitionExists(String)
    case unknownPartition(String)
    case logClosed(String)
}

extension StorageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .io(let operation, let path, let errno): return "\(operation) failed on \(path) (errno \(errno))"
        case .noSpace(let path): return "no space left on device writing \(path)"
        case .notFound(let path): return "\(path) does not exist"
        case .corruptFile(let path, let detail): return "\(path) is corrupt: \(detail)"
        case .invalidRecords(let detail): return "invalid records: \(detail)"
        case .corruptRecords(let detail): return "corrupt records: \(detail)"
        case .recordTooLarge(let size, let limit):
            return "the batch is \(size) bytes, larger than the maximum \(limit) bytes"
        case .offsetOutOfRange(let offset, let start, let end):
            return "offset \(offset) is out of range [\(start), \(end)]"
        case .partitionExists(let name): return "partition \(name) already exists"
        case .unknownPartition(let name): return "partition \(name) does not exist"
        case .logClosed(let name): return "the log of \(name) is closed"
        }
    }
}

/// Bytes of one file region, for `sendfile`: the handle keeps the descriptor open while the slice lives.
public struct FileSlice: Sendable {
    public let file: any StorageFile
    public let offset: Int64
    public let length: Int

    public init(file: any StorageFile, offset: Int64, length: Int) {
        self.file = file
        self.offset = offset
        self.length = length
    }

    /// The bytes, read now.
    public func read(allocator: ByteBufferAllocator = ByteBufferAllocator()) throws -> ByteBuffer {
        try file.read(at: offset, length: length, allocator: allocator)
    }
}

extension StorageFileSystem {
    /// Reads a whole small file (checkpoints, metadata).
    func readSmallFile(_ path: String) throws -> ByteBuffer {
        let file = try openFile(path, create: false)
        let size = try file.size()
        return try file.read(at: 0, length: Int(size), allocator: ByteBufferAllocator())
    }

    /// Kafka's way to replace a small file: write `<path>.tmp`, fsync it, rename over `path`, fsync the directory,
    /// so a crash leaves the old or the new file, never a torn one.
    func writeFileAtomically(_ path: String, contents: String, directory: String) throws {
        let temporary = path + ".tmp"
        let file = try openFile(temporary, create: true)
        try file.truncate(to: 0)
        var buffer = ByteBuffer()
        buffer.writeString(contents)
        try file.write(buffer, at: 0)
        try file.sync()
        try rename(temporary, to: path)
        try syncDirectory(directory)
    }
}

/// Joins path components with one `/`.
@inlinable
func joinPath(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
