import NIOCore

/// Reads the records of an uncompressed records section one at a time. Each record's key, value and headers are
/// slices of the section; reading makes no other allocation.
public struct RecordIterator: Sendable {
    @usableFromInline var buffer: ByteBuffer
    @usableFromInline var remaining: Int

    /// - Parameters:
    ///   - section: the bytes after a batch header (or the decompressed records), holding `count` records.
    ///   - count: the batch header's record count.
    @inlinable
    public init(section: ByteBuffer, count: Int) throws {
        guard count >= 0 else { throw RecordBatchError.invalidSize(what: "record count", value: count) }
        buffer = section
        remaining = count
    }

    /// Records not yet read.
    @inlinable public var recordsLeft: Int { remaining }

    /// The next record, or nil after the last one. Throws if a record is malformed, if the section ends before the
    /// declared count, or if bytes are left over after it (Kafka's "incorrect declared batch size").
    @inlinable
    public mutating func next() throws -> Record? {
        guard remaining > 0 else {
            guard buffer.readableBytes == 0 else {
                throw RecordBatchError.corruptRecord(
                    "\(buffer.readableBytes) bytes left after the batch's declared record count")
            }
            return nil
        }
        remaining -= 1
        return try Record(from: &buffer)
    }

    /// How many records the remaining bytes can hold at most, capped by the declared count: safe to reserve for,
    /// since a hostile count alone cannot make it large.
    @inlinable
    public var capacityHint: Int { min(remaining, buffer.readableBytes / Record.minimumSize) }

    /// All remaining records. The array grows with the records actually read, never with the declared count alone.
    public mutating func collect() throws -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(capacityHint)
        while let record = try next() { records.append(record) }
        return records
    }
}
