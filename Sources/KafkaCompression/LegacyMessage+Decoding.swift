import KafkaProtocol
import NIOCore

// Legacy messages (magic 0 and 1) are checked with CRC-32 (IEEE), which comes from zlib, and a compressed one is a
// wrapper whose value is an inner message set; both need this module, so they live here rather than in
// KafkaProtocol.
extension LegacyMessage {
    /// CRC-32 (IEEE) over the magic byte to the end of the message.
    public var computedCRC: UInt32 { crc32IEEE(crcCoveredBytes) }

    public var crcIsValid: Bool { computedCRC == crc }

    public func verifyCRC() throws {
        let computed = computedCRC
        guard computed == crc else { throw RecordBatchError.crcMismatch(stored: crc, computed: computed) }
    }

    /// The inner messages of a compressed wrapper, as stored (magic 1 offsets are relative); `[self]` for an
    /// uncompressed message.
    ///
    /// Inner messages must have the wrapper's magic and must not be compressed themselves, and the inner set must
    /// be whole: Kafka never writes anything else, so anything else is corruption.
    public func innerMessages(maxDecompressedBytes: Int, verifyCRC: Bool = true) throws -> [LegacyMessage] {
        if verifyCRC { try self.verifyCRC() }
        guard isCompressed else { return [self] }
        guard let value else { throw RecordBatchError.corruptRecord("compressed message with a null value") }
        // Magic-0 lz4 was written with a wrong frame header checksum by Kafka's first lz4 support (fixed with
        // magic 1, KIP-57); readers recompute it for magic 0.
        let inner = try KafkaCompressor.decompress(
            value, codec: codec, maxOutputBytes: maxDecompressedBytes, legacyLZ4HeaderChecksum: magic == 0)
        var messages: [LegacyMessage] = []
        for entry in try RecordBatchReader.entries(of: inner) {
            guard case .legacy(let message) = entry, message.magic == magic else {
                throw RecordBatchError.corruptRecord("inner message magic \(entry.magic) in a magic \(magic) wrapper")
            }
            guard !message.isCompressed else {
                throw RecordBatchError.corruptRecord("compressed message inside a compressed message")
            }
            if verifyCRC { try message.verifyCRC() }
            messages.append(message)
        }
        guard !messages.isEmpty else { throw RecordBatchError.corruptRecord("compressed message with no messages") }
        return messages
    }

    /// The records this message stands for, with absolute offsets: itself, or a wrapper's inner messages.
    ///
    /// Magic-1 inner offsets are relative and the wrapper carries the absolute offset of the last one; magic-0
    /// inner offsets are absolute already. A LogAppendTime wrapper gives its timestamp to every inner record.
    public func decodeLogRecords(maxDecompressedBytes: Int, verifyCRC: Bool = true) throws -> [LogRecord] {
        let messages = try innerMessages(maxDecompressedBytes: maxDecompressedBytes, verifyCRC: verifyCRC)
        let relativeOffsets = isCompressed && magic >= 1
        let baseOffset = relativeOffsets ? offset &- (messages.last?.offset ?? 0) : 0
        let wrapperTimeWins = isCompressed && timestampType == .logAppendTime
        return messages.map { message in
            LogRecord(
                offset: relativeOffsets ? baseOffset &+ message.offset : message.offset,
                timestamp: wrapperTimeWins ? timestamp : message.timestamp,
                timestampType: wrapperTimeWins ? .logAppendTime : message.timestampType,
                key: message.key, value: message.value)
        }
    }
}
