import KafkaProtocol
import NIOCore

/// Batch decoding of hostile bytes (filled in when the records layer lands).
func fuzzRecords(_ payload: ByteBuffer) {
    _ = payload
}
