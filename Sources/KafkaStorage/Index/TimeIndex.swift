import NIOCore

/// One `.timeindex` entry: a timestamp and the offset of the batch that carried it (the batch's last offset).
public struct TimestampOffset: Hashable, Sendable {
    public var timestamp: Int64
    public var offset: Int64

    public init(timestamp: Int64, offset: Int64) {
        self.timestamp = timestamp
        self.offset = offset
    }
}

/// A segment's `.timeindex`: 12-byte entries (timestamp int64, relative offset int32), only ever increasing in
/// timestamp; managed like `OffsetIndex`. One slot stays free for the entry Kafka adds when the segment is rolled.
final class TimeIndex {
    static let entrySize = 12

    let file: any StorageFile
    let path: String
    let baseOffset: Int64
    private(set) var maxEntries: Int
    private(set) var timestamps: [Int64] = []
    private(set) var relativeOffsets: [Int32] = []

    init(file: any StorageFile, path: String, baseOffset: Int64, maxIndexSize: Int) {
        self.file = file
        self.path = path
        self.baseOffset = baseOffset
        maxEntries = max(2, maxIndexSize / Self.entrySize)
    }

    var count: Int { timestamps.count }
    var isFull: Bool { count >= maxEntries - 1 }
    var last: TimestampOffset? {
        guard let timestamp = timestamps.last, let relative = relativeOffsets.last else { return nil }
        return TimestampOffset(timestamp: timestamp, offset: baseOffset + Int64(relative))
    }

    /// Reads the entries; stops at a zero timestamp after the first entry (an untrimmed preallocated file).
    func load() throws {
        let bytes = try file.read(at: 0, length: Int(try file.size()), allocator: ByteBufferAllocator())
        timestamps.removeAll(keepingCapacity: true)
        relativeOffsets.removeAll(keepingCapacity: true)
        var index = bytes.readerIndex
        while index + Self.entrySize <= bytes.writerIndex {
            let timestamp = bytes.getInteger(at: index, as: Int64.self) ?? 0
            let relative = bytes.getInteger(at: index + 8, as: Int32.self) ?? 0
            if timestamp == 0 && !timestamps.isEmpty { break }
            timestamps.append(timestamp)
            relativeOffsets.append(relative)
            index += Self.entrySize
        }
    }

    func isConsistent(nextOffset: Int64) -> Bool {
        for index in timestamps.indices {
            if relativeOffsets[index] < 0 || baseOffset + Int64(relativeOffsets[index]) >= max(nextOffset, baseOffset + 1) {
                return false
            }
            if index > 0 && (timestamps[index] <= timestamps[index - 1] || relativeOffsets[index] < relativeOffsets[index - 1]) {
                return false
            }
        }
        return true
    }

    /// Adds an entry if `timestamp` is above the last one (Kafka's `maybeAppend`).
    func maybeAppend(timestamp: Int64, offset: Int64, skipFullCheck: Bool = false) throws {
        guard skipFullCheck || !isFull, count < maxEntries else { return }
        if let last = timestamps.last, timestamp <= last { return }
        let relative = Int32(truncatingIfNeeded: offset - baseOffset)
        if let last = relativeOffsets.last, relative < last { return }
        var entry = ByteBuffer()
        entry.writeInteger(timestamp)
        entry.writeInteger(relative)
        try file.write(entry, at: Int64(count * Self.entrySize))
        timestamps.append(timestamp)
        relativeOffsets.append(relative)
    }

    /// The entry with the largest timestamp not above `timestamp`, or (-1, base offset).
    func lookup(_ timestamp: Int64) -> TimestampOffset {
        var low = 0
        var high = timestamps.count - 1
        var found = -1
        while low <= high {
            let middle = (low + high) / 2
            if timestamps[middle] <= timestamp {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard found >= 0 else { return TimestampOffset(timestamp: -1, offset: baseOffset) }
        return TimestampOffset(timestamp: timestamps[found], offset: baseOffset + Int64(relativeOffsets[found]))
    }

    func truncate(toOffset offset: Int64) throws {
        let keep = relativeOffsets.firstIndex { baseOffset + Int64($0) >= offset } ?? relativeOffsets.count
        timestamps.removeSubrange(keep...)
        relativeOffsets.removeSubrange(keep...)
        let size = try file.size()
        try file.truncate(to: Int64(count * Self.entrySize))
        try file.truncate(to: size)
    }

    func reset() throws {
        timestamps.removeAll()
        relativeOffsets.removeAll()
        try file.truncate(to: 0)
    }

    func preallocate(maxIndexSize: Int) throws {
        maxEntries = max(2, maxIndexSize / Self.entrySize)
        try file.truncate(to: Int64(maxEntries * Self.entrySize))
    }

    func trim() throws {
        maxEntries = max(count, 2)
        try file.truncate(to: Int64(count * Self.entrySize))
    }
}
