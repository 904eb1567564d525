import KafkaProtocol
import NIOCore

// The front door for reading the records of a v2 batch whatever its codec. Decompression is bounded by the
// caller's limit because a batch's records section is attacker-controlled (a decompression bomb costs at most the
// limit), and the record count in the header is never used to size anything.
extension RecordBatch {
    /// The records section, decompressed when the batch is compressed; a slice of the batch when it is not.
    public func uncompressedRecordsSection(maxDecompressedBytes: Int) throws -> ByteBuffer {
        guard codec != .none else { return recordsSection }
        return try KafkaCompressor.decompress(recordsSection, codec: codec, maxOutputBytes: maxDecompressedBytes)
    }

    /// An iterator over the records, decompressing first if needed.
    public func records(maxDecompressedBytes: Int) throws -> RecordIterator {
        try RecordIterator(
            section: uncompressedRecordsSection(maxDecompressedBytes: maxDecompressedBytes),
            count: Int(header.recordCount))
    }

    /// The batch's records as on the wire (offset and timestamp deltas).
    ///
    /// - Parameter verifyCRC: check the batch CRC first and throw `RecordBatchError.crcMismatch` if it is wrong,
    ///   as consumers do by default (`check.crcs=true`).
    public func decodeRecords(maxDecompressedBytes: Int, verifyCRC: Bool = true) throws -> [Record] {
        if verifyCRC { try self.verifyCRC() }
        var iterator = try records(maxDecompressedBytes: maxDecompressedBytes)
        return try iterator.collect()
    }

    /// The batch's records with absolute offsets and timestamps.
    public func decodeLogRecords(maxDecompressedBytes: Int, verifyCRC: Bool = true) throws -> [LogRecord] {
        if verifyCRC { try self.verifyCRC() }
        var iterator = try records(maxDecompressedBytes: maxDecompressedBytes)
        // Built in one pass rather than mapped from decodeRecords: a second array costs a third of the time.
        var records: [LogRecord] = []
        records.reserveCapacity(iterator.capacityHint)
        while let record = try iterator.next() { records.append(LogRecord(record, in: header)) }
        return records
    }
}
