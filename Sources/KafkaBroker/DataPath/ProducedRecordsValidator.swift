import KafkaProtocol
import NIOCore

/// A partition's produce failed validation: the error code for the response and the message for the log line
/// and the v8+ error message.
struct ProduceRejection: Error, Equatable, Sendable {
    var code: ErrorCode
    var message: String

    init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Checks one partition's produced records as Kafka's ProduceRequest.validateRecords and LogValidator do before
/// anything is appended. Only the 61-byte header and the CRC are looked at; records are never decoded.
enum ProducedRecordsValidator {
    /// The header of the one batch v3+ allows per partition.
    static func validate(_ records: ByteBuffer?, version: Int16, maxMessageBytes: Int) throws(ProduceRejection)
        -> RecordBatchHeader
    {
        guard let records, records.readableBytes > 0 else {
            throw ProduceRejection(.invalidRecord, "produce request carries no records")
        }
        var reader = RecordBatchReader(records)
        let batch: RecordBatch
        do {
            guard let entry = try reader.next() else {
                throw ProduceRejection(.corruptMessage, "records end inside the first batch")
            }
            guard case .batch(let first) = entry else {
                // Kafka 4: v3+ requests may only carry magic 2.
                throw ProduceRejection(
                    .invalidRecord,
                    "Produce requests with version \(version) are only allowed to contain record batches with magic version 2")
            }
            batch = first
            guard try reader.next() == nil, reader.truncatedTail == nil else {
                throw ProduceRejection(
                    .invalidRecord,
                    "Produce requests with version \(version) are only allowed to contain exactly one record batch")
            }
        } catch let rejection as ProduceRejection {
            throw rejection
        } catch RecordBatchError.unsupportedMagic(let magic) {
            throw ProduceRejection(.invalidRecord, "record batch magic \(magic) is not supported")
        } catch {
            throw ProduceRejection(.corruptMessage, "records cannot be parsed: \(error)")
        }
        if batch.sizeInBytes > maxMessageBytes {
            throw ProduceRejection(
                .messageTooLarge,
                "The record batch size \(batch.sizeInBytes) in the append is larger than the maximum allowed \(maxMessageBytes)")
        }
        let header = batch.header
        guard batch.crcIsValid else {
            throw ProduceRejection(
                .corruptMessage, "record batch is corrupt (stored crc = \(header.crc), computed crc = \(batch.computedCRC))")
        }
        guard header.recordCount > 0, Int64(header.lastOffsetDelta) == Int64(header.recordCount) - 1 else {
            throw ProduceRejection(
                .invalidRecord,
                "batch has \(header.recordCount) records and last offset delta \(header.lastOffsetDelta)")
        }
        guard let codec = header.codec else {
            throw ProduceRejection(.corruptMessage, "unknown compression codec id \(header.attributes.compressionCodecID)")
        }
        if codec == .zstd && version < 7 {
            throw ProduceRejection(
                .unsupportedCompressionType, "Produce requests with version \(version) cannot use zstd (needs v7)")
        }
        if header.isTransactional {
            throw ProduceRejection(.invalidRecord, "transactions are not supported by this broker yet")
        }
        if header.isControl {
            throw ProduceRejection(.invalidRecord, "clients may not produce control batches")
        }
        if header.hasProducerId && header.baseSequence < 0 {
            throw ProduceRejection(.invalidRecord, "batch of producer \(header.producerId) has no sequence number")
        }
        return header
    }
}
