import KafkaProtocol

extension RecordBatchEntry {
    /// The records of a v2 batch or a legacy message, decompressed within `maxDecompressedBytes`, with absolute
    /// offsets and timestamps.
    public func decodeLogRecords(maxDecompressedBytes: Int, verifyCRC: Bool = true) throws -> [LogRecord] {
        switch self {
        case .batch(let batch):
            return try batch.decodeLogRecords(maxDecompressedBytes: maxDecompressedBytes, verifyCRC: verifyCRC)
        case .legacy(let message):
            return try message.decodeLogRecords(maxDecompressedBytes: maxDecompressedBytes, verifyCRC: verifyCRC)
        }
    }
}
