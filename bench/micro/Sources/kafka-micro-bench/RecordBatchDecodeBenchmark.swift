import KafkaCompression
import KafkaProtocol
import NIOCore

/// Decoding the records of one uncompressed batch of 1,000 records with 100-byte values, the shape of a typical
/// consumer fetch; the target is at least 5 M records/s.
enum RecordBatchDecodeBenchmark {
    static let recordsPerBatch = 1_000
    static let passes = 2_000

    static func run() -> [Measurement] {
        guard let batch = try? makeBatch() else {
            print("record batch decode: could not build the batch")
            return []
        }
        let total = recordsPerBatch * passes
        var checksum = 0
        var results: [Measurement] = []

        var iterate = measure("batch decode (iterator)", bytes: batch.sizeInBytes * passes) {
            for _ in 0..<passes {
                checksum &+= sumOfValueSizes(batch)
            }
        }
        iterate.items = (total, "records")
        results.append(iterate)

        var verified = measure("batch decode (crc + iterator)", bytes: batch.sizeInBytes * passes) {
            for _ in 0..<passes where batch.crcIsValid {
                checksum &+= sumOfValueSizes(batch)
            }
        }
        verified.items = (total, "records")
        results.append(verified)

        var frontDoor = measure("batch decode (decodeLogRecords)", bytes: batch.sizeInBytes * passes) {
            for _ in 0..<passes {
                let records = (try? batch.decodeLogRecords(maxDecompressedBytes: 1 << 20)) ?? []
                checksum &+= records.count
            }
        }
        frontDoor.items = (total, "records")
        results.append(frontDoor)

        // Every run read every record; this also keeps the optimiser from dropping the work.
        let perRun = recordsPerBatch * 100 * passes
        precondition(checksum == 5 * 2 * perRun + 5 * total, "decoded \(checksum)")
        return results
    }

    /// Reads every record the way a consumer loop does; a decoding error would show as a wrong checksum.
    static func sumOfValueSizes(_ batch: RecordBatch) -> Int {
        var sum = 0
        do {
            var records = try batch.records()
            while let record = try records.next() {
                sum &+= record.value?.readableBytes ?? 0
            }
        } catch {
            return 0
        }
        return sum
    }

    static func makeBatch() throws -> RecordBatch {
        var builder = RecordBatchBuilder()
        let value = ByteBuffer(repeating: UInt8(ascii: "x"), count: 100)
        for index in 0..<recordsPerBatch {
            try builder.append(key: nil, value: value, timestamp: 1_700_000_000_000 + Int64(index))
        }
        return try builder.build()
    }
}
