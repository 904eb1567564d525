import NIOConcurrencyHelpers
import NIOCore

/// A disk in memory for tests, with the failures a real one has:
/// - `crash()`: everything not fsynced is lost (each file falls back to the bytes it had at its last `sync`);
/// - `tearNextWrite(keeping:)`: the next write stores only its first bytes, durably, then throws, as when power
///   fails halfway through a write;
/// - `capacity`: writes beyond it store what fits and throw `StorageError.noSpace`; raising it frees space.
/// Directory entries (creations, renames, removals) are treated as durable at once.
public final class InMemoryFileSystem: StorageFileSystem {
    struct FileData {
        var current: [UInt8] = []
        var durable: [UInt8] = []
    }

    struct State {
        var files: [String: FileData] = [:]
        var directories: Set<String> = ["/"]
        var capacity: Int?
        var tornWriteKeeping: Int?
        var failSyncs = false
        var writes = 0
    }

    let state = NIOLockedValueBox(State())

    public init(capacity: Int? = nil) {
        state.withLockedValue { $0.capacity = capacity }
    }

    // MARK: Faults

    /// Total bytes the disk holds (nil: unlimited).
    public var capacity: Int? {
        get { state.withLockedValue { $0.capacity } }
        set { state.withLockedValue { $0.capacity = newValue } }
    }

    public var usedBytes: Int { state.withLockedValue { Self.used($0) } }

    /// The next write keeps only its first `bytes` bytes, which reach the disk durably, and then throws.
    public func tearNextWrite(keeping bytes: Int) {
        state.withLockedValue { $0.tornWriteKeeping = bytes }
    }

    /// Makes `sync` throw (EIO) until reset.
    public func setSyncFailing(_ failing: Bool) {
        state.withLockedValue { $0.failSyncs = failing }
    }

    /// Loses everything written since each file's last fsync.
    public func crash() {
        state.withLockedValue { state in
            for (path, var data) in state.files {
                data.current = data.durable
                state.files[path] = data
            }
            state.tornWriteKeeping = nil
        }
    }

    /// Raw bytes of a file as the page cache holds them (nil: no such file).
    public func contents(of path: String) -> [UInt8]? {
        state.withLockedValue { $0.files[Self.normalize(path)]?.current }
    }

    /// Replaces a file's bytes, durably (to plant corrupt files in tests).
    public func setContents(_ bytes: [UInt8], of path: String) {
        state.withLockedValue { $0.files[Self.normalize(path)] = FileData(current: bytes, durable: bytes) }
    }

    // MARK: StorageFileSystem

    public func openFile(_ path: String, create: Bool) throws -> any StorageFile {
        let path = Self.normalize(path)
        try state.withLockedValue { state in
            guard state.files[path] == nil else { return }
            guard create, state.directories.contains(Self.parent(of: path)) else {
                throw StorageError.notFound(path: path)
            }
            state.files[path] = FileData()
        }
        return InMemoryFile(fileSystem: self, path: path)
    }

    public func fileExists(_ path: String) -> Bool {
        let path = Self.normalize(path)
        return state.withLockedValue { $0.files[path] != nil || $0.directories.contains(path) }
    }

    public func isDirectory(_ path: String) -> Bool {
        let path = Self.normalize(path)
        return state.withLockedValue { $0.directories.contains(path) }
    }

    public func createDirectory(_ path: String) throws {
        var path = Self.normalize(path)
        state.withLockedValue { state in
            while path != "/" && !state.directories.contains(path) {
                state.directories.insert(path)
                path = Self.parent(of: path)
            }
        }
    }

    public func listDirectory(_ path: String) throws -> [String] {
        let path = Self.normalize(path)
        return try state.withLockedValue { state in
            guard state.directories.contains(path) else { throw StorageError.notFound(path: path) }
            let prefix = path == "/" ? "/" : path + "/"
            let children = (Array(state.files.keys) + Array(state.directories)).filter {
                $0.hasPrefix(prefix) && $0 != path && !$0.dropFirst(prefix.count).contains("/")
            }
            return children.map { String($0.dropFirst(prefix.count)) }
        }
    }

    public func removeFile(_ path: String) throws {
        let path = Self.normalize(path)
        state.withLockedValue { _ = $0.files.removeValue(forKey: path) }
    }

    public func removeDirectory(_ path: String) throws {
        let path = Self.normalize(path)
        let prefix = path + "/"
        state.withLockedValue { state in
            state.files = state.files.filter { !$0.key.hasPrefix(prefix) }
            state.directories = state.directories.filter { !$0.hasPrefix(prefix) && $0 != path }
        }
    }

    public func rename(_ from: String, to: String) throws {
        let from = Self.normalize(from)
        let to = Self.normalize(to)
        try state.withLockedValue { state in
            if let data = state.files.removeValue(forKey: from) {
                state.files[to] = data
                return
            }
            guard state.directories.contains(from) else { throw StorageError.notFound(path: from) }
            let prefix = from + "/"
            state.directories = Set(state.directories.map { $0 == from ? to : ($0.hasPrefix(prefix) ? to + $0.dropFirst(from.count) : $0) })
            var moved: [String: FileData] = [:]
            for (path, data) in state.files {
                moved[path.hasPrefix(prefix) ? to + path.dropFirst(from.count) : path] = data
            }
            state.files = moved
        }
    }

    public func syncDirectory(_ path: String) throws {}

    // MARK: File operations

    func size(of path: String) throws -> Int64 {
        try state.withLockedValue { state in
            guard let data = state.files[path] else { throw StorageError.notFound(path: path) }
            return Int64(data.current.count)
        }
    }

    func read(_ path: String, at offset: Int64, length: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try state.withLockedValue { state in
            guard let data = state.files[path] else { throw StorageError.notFound(path: path) }
            let start = min(Int(offset), data.current.count)
            let end = min(start + length, data.current.count)
            var buffer = allocator.buffer(capacity: end - start)
            buffer.writeBytes(data.current[start..<end])
            return buffer
        }
    }

    func write(_ path: String, bytes: ByteBuffer, at offset: Int64) throws {
        try state.withLockedValue { state in
            guard var data = state.files[path] else { throw StorageError.notFound(path: path) }
            let incoming = bytes.readableBytesView
            var count = incoming.count
            var failure: StorageError?
            let start = Int(offset)
            if let capacity = state.capacity {
                let growth = max(0, start + count - data.current.count)
                let free = capacity - Self.used(state)
                if growth > free {
                    count = max(0, count - (growth - max(0, free)))
                    failure = .noSpace(path: path)
                }
            }
            var torn = false
            if let keep = state.tornWriteKeeping {
                state.tornWriteKeeping = nil
                count = min(count, keep)
                torn = true
                failure = .io(operation: "write (torn)", path: path, errno: 5)
            }
            if data.current.count < start { data.current += [UInt8](repeating: 0, count: start - data.current.count) }
            let end = start + count
            if data.current.count < end { data.current += [UInt8](repeating: 0, count: end - data.current.count) }
            data.current.replaceSubrange(start..<end, with: incoming.prefix(count))
            if torn { data.durable = data.current }
            state.files[path] = data
            state.writes += 1
            if let failure { throw failure }
        }
    }

    func truncate(_ path: String, to size: Int64) throws {
        try state.withLockedValue { state in
            guard var data = state.files[path] else { throw StorageError.notFound(path: path) }
            let size = Int(size)
            if size < data.current.count {
                data.current.removeSubrange(size...)
            } else {
                data.current += [UInt8](repeating: 0, count: size - data.current.count)
            }
            state.files[path] = data
        }
    }

    func sync(_ path: String) throws {
        try state.withLockedValue { state in
            guard !state.failSyncs else { throw StorageError.io(operation: "fsync", path: path, errno: 5) }
            guard var data = state.files[path] else { return }
            data.durable = data.current
            state.files[path] = data
        }
    }

    // MARK: Helpers

    static func used(_ state: State) -> Int { state.files.values.reduce(0) { $0 + $1.current.count } }

    static func normalize(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.hasPrefix("/") ? path : "/" + path
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}

/// A handle on an in-memory file; it names the file, so operations on a removed file throw `notFound`.
final class InMemoryFile: StorageFile {
    let fileSystem: InMemoryFileSystem
    let path: String

    init(fileSystem: InMemoryFileSystem, path: String) {
        self.fileSystem = fileSystem
        self.path = path
    }

    var fileDescriptor: CInt? { nil }
    func size() throws -> Int64 { try fileSystem.size(of: path) }
    func read(at offset: Int64, length: Int, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try fileSystem.read(path, at: offset, length: length, allocator: allocator)
    }
    func write(_ bytes: ByteBuffer, at offset: Int64) throws { try fileSystem.write(path, bytes: bytes, at: offset) }
    func truncate(to size: Int64) throws { try fileSystem.truncate(path, to: size) }
    func sync() throws { try fileSystem.sync(path) }
}
