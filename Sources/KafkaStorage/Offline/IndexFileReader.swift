import NIOCore

/// Reads `.index` and `.timeindex` files offline (kafka-dump-log) in 64 KiB chunks. Like Kafka's tool it stops at
/// the first all-zero entry after the first one: a preallocated index that was never trimmed is zeros past its
/// real entries. Offsets are absolute (the base offset comes from the file name).
public struct IndexFileReader {
    public enum Kind: Sendable {
        case offset
        case time

        var entrySize: Int { self == .offset ? OffsetIndex.entrySize : TimeIndex.entrySize }
    }

    public let file: any StorageFile
    public let kind: Kind
    public let baseOffset: Int64
    let fileSize: Int64
    var chunk = ByteBuffer()
    var chunkStart: Int64 = 0
    var entryIndex: Int64 = 0
    var finished = false

    public init(file: any StorageFile, kind: Kind, baseOffset: Int64) throws {
        self.file = file
        self.kind = kind
        self.baseOffset = baseOffset
        fileSize = try file.size()
    }

    /// Bytes at the end that do not make a whole entry (a corrupt index).
    public var trailingBytes: Int64 { fileSize % Int64(kind.entrySize) }

    /// The next `.index` entry (nil at the end, or for a time index).
    public mutating func nextOffsetEntry() throws -> OffsetPosition? {
        guard kind == .offset, let base = try nextEntryStart() else { return nil }
        let relative = chunk.getInteger(at: base, as: Int32.self) ?? 0
        let position = chunk.getInteger(at: base + 4, as: Int32.self) ?? 0
        if relative == 0 && entryIndex > 1 {
            finished = true
            return nil
        }
        return OffsetPosition(offset: baseOffset + Int64(relative), position: position)
    }

    /// The next `.timeindex` entry (nil at the end, or for an offset index).
    public mutating func nextTimeEntry() throws -> TimestampOffset? {
        guard kind == .time, let base = try nextEntryStart() else { return nil }
        let timestamp = chunk.getInteger(at: base, as: Int64.self) ?? 0
        let relative = chunk.getInteger(at: base + 8, as: Int32.self) ?? 0
        if timestamp == 0 && relative == 0 && entryIndex > 1 {
            finished = true
            return nil
        }
        return TimestampOffset(timestamp: timestamp, offset: baseOffset + Int64(relative))
    }

    /// The buffer index of the next entry, reading a chunk when needed.
    private mutating func nextEntryStart() throws -> Int? {
        let size = kind.entrySize
        let position = entryIndex * Int64(size)
        guard !finished, position + Int64(size) <= fileSize else { return nil }
        if position + Int64(size) > chunkStart + Int64(chunk.readableBytes) {
            let length = Int(min(Int64((64 << 10) / size * size), fileSize - position))
            chunk = try file.read(at: position, length: length, allocator: ByteBufferAllocator())
            chunkStart = position
            guard chunk.readableBytes >= size else { return nil }
        }
        entryIndex += 1
        return chunk.readerIndex + Int(position - chunkStart)
    }
}
