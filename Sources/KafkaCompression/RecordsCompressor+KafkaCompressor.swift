import KafkaProtocol
import NIOCore

extension KafkaCompressor {
    /// The compressor `RecordBatch.encode` and `RecordBatchBuilder` take for compressed batches.
    ///
    /// - Parameter level: the codec's own level, or nil for its default (see `compress(_:codec:level:)`).
    public static func recordsCompressor(level: Int? = nil) -> RecordsCompressor {
        { records, codec in try compress(records, codec: codec, level: level) }
    }
}
