import KafkaCompression
import KafkaProtocol
import NIOCore

/// A records blob (as in a Produce request, a Fetch response or a segment): every batch and legacy message it
/// holds, decompressed within a bound and decoded. CRCs are not checked so that mutations reach the decoders
/// behind them.
func fuzzRecords(_ payload: ByteBuffer) {
    var reader = RecordBatchReader(payload)
    while let entry = try? reader.next() {
        _ = try? entry.decodeLogRecords(maxDecompressedBytes: 1 << 20, verifyCRC: false)
    }
}
