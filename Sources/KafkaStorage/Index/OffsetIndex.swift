import NIOCore

/// One `.index` entry: the last offset of a batch and the file position where that batch starts.
public struct OffsetPosition: Hashable, Sendable {
    public var offset: Int64
    public var position: Int32

    public init(offset: Int64, position: Int32) {
        self.offset = offset
        self.position = position
    }
}

/// A segment's `.index`: 8-byte entries (offset relative to the segment's base offset as int32, position as
/// int32), sparse (one entry per `index.interval.bytes` of log). The entries live in memory for lookups; the file
/// is written as they are added, preallocated to `segment.index.bytes` while the segment is active and trimmed to
/// its entries when it is rolled or closed, as Kafka does.
final class OffsetIndex {
    static let entrySize = 8

    let file: any StorageFile
    let path: String
    let baseOffset: Int64
    private(set) var maxEntries: Int
    private(set) var relativeOffsets: [Int32] = []
    private(set) var positions: [Int32] = []

    init(file: any StorageFile, path: String, baseOffset: Int64, maxIndexSize: Int) {
        self.file = file
        self.path = path
        self.baseOffset = baseOffset
        maxEntries = max(2, maxIndexSize / Self.entrySize)
    }

    var count: Int { relativeOffsets.count }
    var isFull: Bool { count >= maxEntries }
    var lastOffset: Int64 { relativeOffsets.last.map { baseOffset + Int64($0) } ?? baseOffset }

    /// Reads the entries in the file. A preallocated file that was never trimmed (a crash) has zero entries after
    /// the real ones; like Kafka's tools, stop at the first zero relative offset after the first entry.
    func load() throws {
        let bytes = try file.read(at: 0, length: Int(try file.size()), allocator: ByteBufferAllocator())
        relativeOffsets.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        var index = bytes.readerIndex
        while index + Self.entrySize <= bytes.writerIndex {
            let relative = bytes.getInteger(at: index, as: Int32.self) ?? 0
            let position = bytes.getInteger(at: index + 4, as: Int32.self) ?? 0
            if relative == 0 && !relativeOffsets.isEmpty { break }
            relativeOffsets.append(relative)
            positions.append(position)
            index += Self.entrySize
        }
    }

    /// Kafka's sanity check plus the ones that catch a stale index: strictly increasing offsets and positions,
    /// every position inside the log.
    func isConsistent(logSize: Int64) -> Bool {
        for index in relativeOffsets.indices {
            if relativeOffsets[index] < 0 || positions[index] < 0 || Int64(positions[index]) >= max(logSize, 1) {
                return false
            }
            if index > 0 && (relativeOffsets[index] <= relativeOffsets[index - 1] || positions[index] <= positions[index - 1]) {
                return false
            }
        }
        return true
    }

    func append(offset: Int64, position: Int) throws {
        let relative = Int32(truncatingIfNeeded: offset - baseOffset)
        if let last = relativeOffsets.last, relative <= last { return }
        var entry = ByteBuffer()
        entry.writeInteger(relative)
        entry.writeInteger(Int32(truncatingIfNeeded: position))
        try file.write(entry, at: Int64(count * Self.entrySize))
        relativeOffsets.append(relative)
        positions.append(Int32(truncatingIfNeeded: position))
    }

    /// The entry with the largest offset not above `offset`, or (base offset, 0).
    func lookup(_ offset: Int64) -> OffsetPosition {
        let target = offset - baseOffset
        var low = 0
        var high = relativeOffsets.count - 1
        var found = -1
        while low <= high {
            let middle = (low + high) / 2
            if Int64(relativeOffsets[middle]) <= target {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard found >= 0 else { return OffsetPosition(offset: baseOffset, position: 0) }
        return OffsetPosition(offset: baseOffset + Int64(relativeOffsets[found]), position: positions[found])
    }

    /// Drops the entries for offsets at or above `offset`.
    func truncate(toOffset offset: Int64) throws {
        let keep = relativeOffsets.firstIndex { baseOffset + Int64($0) >= offset } ?? relativeOffsets.count
        relativeOffsets.removeSubrange(keep...)
        positions.removeSubrange(keep...)
        try zeroTail()
    }

    func reset() throws {
        relativeOffsets.removeAll()
        positions.removeAll()
        try file.truncate(to: 0)
    }

    /// Extends the file to its maximum size (sparse) for appending.
    func preallocate(maxIndexSize: Int) throws {
        maxEntries = max(2, maxIndexSize / Self.entrySize)
        try file.truncate(to: Int64(maxEntries * Self.entrySize))
    }

    /// Shrinks the file to its entries.
    func trim() throws {
        maxEntries = count
        try file.truncate(to: Int64(count * Self.entrySize))
    }

    // Entries past the end must read as zeros, or a reload after a crash would resurrect them.
    private func zeroTail() throws {
        let size = try file.size()
        try file.truncate(to: Int64(count * Self.entrySize))
        try file.truncate(to: size)
    }
}
