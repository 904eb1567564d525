import KafkaProtocol
import KafkaStorage
import NIOCore
@testable import KafkaBroker

/// A v2 batch of `count` small records, optionally from an idempotent producer.
func dataPathBatch(
    count: Int = 3, producerId: Int64 = -1, epoch: Int16 = -1, sequence: Int32 = -1, timestamp: Int64 = currentTimeMillis(),
    valueSize: Int = 10, codec: CompressionCodec = .none
) throws -> ByteBuffer {
    var builder = RecordBatchBuilder(codec: codec, producerId: producerId, producerEpoch: epoch, baseSequence: sequence)
    var value = ByteBuffer()
    value.writeRepeatingByte(0x61, count: valueSize)
    for index in 0..<count {
        try builder.append(key: nil, value: value, timestamp: timestamp + Int64(index))
    }
    var buffer = ByteBuffer()
    // The validator never decompresses, so a codec's flag over plain bytes is enough here.
    try builder.write(into: &buffer, compressor: codec == .none ? nil : { records, _ in records })
    return buffer
}

func header(of batch: ByteBuffer) throws -> RecordBatchHeader {
    try RecordBatchHeader(parsing: batch, at: batch.readerIndex)
}
