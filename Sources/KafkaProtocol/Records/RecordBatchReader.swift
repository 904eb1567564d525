import NIOCore

/// One entry of a records blob: a v2 batch or a legacy message (a legacy "batch" is one outer message, as in
/// Kafka, which may be a compressed wrapper around several inner messages).
public enum RecordBatchEntry: Hashable, Sendable {
    case batch(RecordBatch)
    case legacy(LegacyMessage)

    public var magic: Int8 {
        switch self {
        case .batch: return RecordBatchHeader.magic
        case .legacy(let message): return message.magic
        }
    }

    /// The entry's bytes as they appear in the blob.
    public var bytes: ByteBuffer {
        switch self {
        case .batch(let batch): return batch.bytes
        case .legacy(let message): return message.bytes
        }
    }
}

/// Walks the entries of a records blob (a Produce request's or a Fetch response's `records`, or a region of a
/// segment file). Both formats put a size at byte 8 and the magic at byte 16, so entries of either can follow
/// each other, as in logs written across a format upgrade.
///
/// A fetch response may end in the middle of a batch (the broker cuts at the requested size). That tail is not
/// an error: `next()` returns nil and `truncatedTail` holds its bytes. Whether a partial batch is acceptable is
/// the caller's decision (consumers skip it; a broker rejects a produced blob that has one).
public struct RecordBatchReader: Sendable {
    @usableFromInline var buffer: ByteBuffer
    @usableFromInline let origin: Int
    /// Set when the blob ended inside an entry; nil while entries remain or when the blob ended cleanly.
    public private(set) var truncatedTail: ByteBuffer?

    @usableFromInline static let sizeOffset = 8
    @usableFromInline static let magicOffset = 16

    public init(_ records: ByteBuffer) {
        buffer = records
        origin = records.readerIndex
    }

    /// Where the next entry starts, counted from the start of the blob (for patching it in place).
    public var position: Int { buffer.readerIndex - origin }

    /// The next entry, or nil at the end of the blob (check `truncatedTail`). Throws when an entry's size or
    /// magic cannot be right, since nothing after it can be located then.
    public mutating func next() throws -> RecordBatchEntry? {
        let available = buffer.readableBytes
        guard available > 0 else { return nil }
        guard available >= Self.sizeOffset + 4 else { return truncate() }
        let size = Int(buffer.getInteger(at: buffer.readerIndex + Self.sizeOffset, as: Int32.self) ?? 0)
        // The smallest entry of any format is a magic-0 message; a smaller size is corrupt whatever the magic.
        let smallest = LegacyMessage.minimumSize(magic: 0) ?? 14
        guard size >= smallest else { throw RecordBatchError.invalidSize(what: "batch length", value: size) }
        guard available > Self.magicOffset else { return truncate() }
        let magic = buffer.getInteger(at: buffer.readerIndex + Self.magicOffset, as: Int8.self) ?? -1
        let minimum =
            magic == RecordBatchHeader.magic
            ? RecordBatchHeader.size - RecordBatchHeader.logOverhead : LegacyMessage.minimumSize(magic: magic)
        guard let minimum else { throw RecordBatchError.unsupportedMagic(magic) }
        guard size >= minimum else { throw RecordBatchError.invalidSize(what: "batch length", value: size) }
        guard available - RecordBatchHeader.logOverhead >= size,
            let bytes = buffer.readSlice(length: size + RecordBatchHeader.logOverhead)
        else { return truncate() }
        if magic == RecordBatchHeader.magic { return .batch(try RecordBatch(bytes: bytes)) }
        return .legacy(try LegacyMessage(bytes: bytes))
    }

    /// Every entry; throws if the blob ends in a partial entry (for blobs that must be whole, like produced
    /// records or a compressed wrapper's inner message set).
    public static func entries(of records: ByteBuffer) throws -> [RecordBatchEntry] {
        var reader = RecordBatchReader(records)
        var entries: [RecordBatchEntry] = []
        while let entry = try reader.next() { entries.append(entry) }
        if let tail = reader.truncatedTail {
            let declared = tail.getInteger(at: tail.readerIndex + sizeOffset, as: Int32.self).map {
                Int($0) + RecordBatchHeader.logOverhead
            }
            throw KafkaProtocolError.truncated(
                what: "record batch", needed: declared ?? magicOffset + 1, available: tail.readableBytes)
        }
        return entries
    }

    private mutating func truncate() -> RecordBatchEntry? {
        truncatedTail = buffer.readSlice(length: buffer.readableBytes)
        return nil
    }
}
