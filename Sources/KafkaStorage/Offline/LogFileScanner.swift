import KafkaProtocol
import NIOCore

/// The fixed fields of one entry of a `.log` file, v2 batch or legacy message, read from its first bytes.
public struct LogEntryHeader: Hashable, Sendable {
    /// File position of the entry's first byte.
    public var position: Int64
    /// The whole entry's size (its size field plus the 12 bytes before it).
    public var sizeInBytes: Int
    public var magic: Int8
    /// The v2 header; nil for a legacy message.
    public var batch: RecordBatchHeader?
    /// v2: base offset; legacy: the message's offset (for a compressed wrapper, its last inner offset).
    public var firstOffset: Int64 { batch?.baseOffset ?? legacyOffset }
    public var lastOffset: Int64 { batch?.lastOffset ?? legacyOffset }
    public var maxTimestamp: Int64 { batch?.maxTimestamp ?? legacyTimestamp }
    var legacyOffset: Int64
    var legacyTimestamp: Int64
}

/// Why a `.log` file stops holding entries before its end.
public struct LogFileTail: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The file ends inside an entry (a torn write, or a copy cut short).
        case partialEntry
        /// The size field cannot be right for any entry.
        case invalidSize(Int)
        /// The magic byte is not 0, 1 or 2.
        case invalidMagic(Int8)
    }

    public var position: Int64
    /// Bytes from `position` to the end of the scanned range.
    public var length: Int64
    public var reason: Reason
}

/// Walks the entries of a `.log` file in bounded memory: it reads chunks (1 MiB by default) and hands out
/// entries as slices of the current chunk, reading a larger chunk only for an entry bigger than a chunk. It
/// checks only what locates the next entry (size, magic); CRCs are the caller's business.
public struct LogFileScanner {
    public let file: any StorageFile
    public let endPosition: Int64
    let chunkSize: Int
    let allocator: ByteBufferAllocator
    var chunk: ByteBuffer
    var chunkStart: Int64
    /// The position of the next entry.
    public private(set) var position: Int64
    /// Set once the scan stopped before `endPosition`.
    public private(set) var tail: LogFileTail?

    static let headerPrefix = 17

    public init(
        file: any StorageFile, startPosition: Int64 = 0, endPosition: Int64? = nil, chunkSize: Int = 1 << 20,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) throws {
        self.file = file
        self.endPosition = try endPosition ?? file.size()
        self.chunkSize = max(chunkSize, RecordBatchHeader.size)
        self.allocator = allocator
        chunk = allocator.buffer(capacity: 0)
        chunkStart = startPosition
        position = startPosition
    }

    /// The next entry's header, without making its bytes available (cheap for lookups over big batches).
    public mutating func nextHeader() throws -> LogEntryHeader? {
        guard let header = try peekHeader() else { return nil }
        position += Int64(header.sizeInBytes)
        return header
    }

    /// The next whole entry: its header and its bytes (a slice of the chunk, valid until the caller drops it).
    public mutating func nextEntry() throws -> (header: LogEntryHeader, bytes: ByteBuffer)? {
        guard let header = try peekHeader() else { return nil }
        try ensureBuffered(header.sizeInBytes)
        let offset = Int(position - chunkStart)
        guard let bytes = chunk.getSlice(at: chunk.readerIndex + offset, length: header.sizeInBytes) else {
            throw StorageError.io(operation: "read", path: "log", errno: 5)
        }
        position += Int64(header.sizeInBytes)
        return (header, bytes)
    }

    private mutating func peekHeader() throws -> LogEntryHeader? {
        guard tail == nil else { return nil }
        let remaining = endPosition - position
        guard remaining > 0 else { return nil }
        guard remaining >= Int64(Self.headerPrefix) else { return stop(.partialEntry) }
        try ensureBuffered(min(Int(min(remaining, Int64(Int.max))), RecordBatchHeader.size))
        let base = chunk.readerIndex + Int(position - chunkStart)
        let sizeField = Int(chunk.getInteger(at: base + 8, as: Int32.self) ?? 0)
        let magic = chunk.getInteger(at: base + 16, as: Int8.self) ?? -1
        let minimum: Int?
        if magic == RecordBatchHeader.magic {
            minimum = RecordBatchHeader.size - RecordBatchHeader.logOverhead
        } else {
            minimum = LegacyMessage.minimumSize(magic: magic)
        }
        guard let minimum else { return stop(.invalidMagic(magic)) }
        guard sizeField >= minimum else { return stop(.invalidSize(sizeField)) }
        let size = sizeField + RecordBatchHeader.logOverhead
        guard Int64(size) <= remaining else { return stop(.partialEntry) }
        var header = LogEntryHeader(
            position: position, sizeInBytes: size, magic: magic, batch: nil,
            legacyOffset: chunk.getInteger(at: base, as: Int64.self) ?? -1, legacyTimestamp: -1)
        if magic == RecordBatchHeader.magic {
            header.batch = try RecordBatchHeader(parsing: chunk, at: base)
        } else if magic == 1 {
            header.legacyTimestamp = chunk.getInteger(at: base + 18, as: Int64.self) ?? -1
        }
        return header
    }

    private mutating func stop(_ reason: LogFileTail.Reason) -> LogEntryHeader? {
        tail = LogFileTail(position: position, length: endPosition - position, reason: reason)
        return nil
    }

    /// Makes `count` bytes from `position` available in `chunk`, reading a new chunk when they are not.
    private mutating func ensureBuffered(_ count: Int) throws {
        let offset = position - chunkStart
        if offset >= 0 && offset + Int64(count) <= Int64(chunk.readableBytes) { return }
        let wanted = Int(min(Int64(max(count, chunkSize)), endPosition - position))
        chunk = try file.read(at: position, length: wanted, allocator: allocator)
        chunkStart = position
        guard chunk.readableBytes >= count else {
            // The file shrank under us; report what is there as a partial entry.
            throw StorageError.io(operation: "read", path: "log", errno: 5)
        }
    }
}
