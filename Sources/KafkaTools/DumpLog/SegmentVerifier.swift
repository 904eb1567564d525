import KafkaCompression
import KafkaProtocol
import KafkaStorage
import NIOCore

/// `--verify`: checks every entry of a `.log` file (CRC, offsets that only go up, a clean end) without decoding
/// records, and sums it up in one line. The CRC runs over the bytes in the read buffer; nothing is copied.
struct SegmentVerifier {
    struct Totals: Equatable {
        var batches = 0
        var records = 0
        var bytes: Int64 = 0
        var invalidBatches = 0
        var codecs = Set<String>()
        var offsetRegressions = 0
        var invalidTailBytes: Int64 = 0

        var isValid: Bool { invalidBatches == 0 && offsetRegressions == 0 && invalidTailBytes == 0 }

        /// The summary line (an extra of this tool; Apache has no such mode).
        func line(path: String) -> String {
            "Verified \(path): batches: \(batches) records: \(records) bytes: \(bytes)"
                + " invalid batches: \(invalidBatches) offset regressions: \(offsetRegressions)"
                + " invalid trailing bytes: \(invalidTailBytes) codecs: \(codecs.isEmpty ? "-" : codecs.sorted().joined(separator: ","))"
                + " result: \(isValid ? "OK" : "INVALID")"
        }
    }

    let maxBytes: Int

    /// Verifies one file; problems are reported on stderr as they are found.
    func verify(file: any StorageFile, output: DumpOutput) throws -> Totals {
        var totals = Totals()
        let size = try file.size()
        // Large reads: the scan is bound by memory bandwidth and the CRC, not by system calls.
        var scanner = try LogFileScanner(file: file, endPosition: min(size, Int64(maxBytes)), chunkSize: 2 << 20)
        var lastOffset: Int64 = -1
        while let (header, bytes) = try scanner.nextEntry() {
            totals.batches += 1
            totals.bytes += Int64(header.sizeInBytes)
            if header.firstOffset <= lastOffset {
                totals.offsetRegressions += 1
                output.errorLine(
                    "Offset regression at position \(header.position): \(header.firstOffset) follows \(lastOffset)")
            }
            lastOffset = max(lastOffset, header.lastOffset)
            if let batch = header.batch {
                totals.records += Int(batch.recordCount)
                totals.codecs.insert(batch.codec?.name ?? "unknown(\(batch.attributes.compressionCodecID))")
                if !Self.crcMatches(bytes, expected: batch.crc) {
                    totals.invalidBatches += 1
                    output.errorLine(
                        "Invalid batch at position \(header.position) (offsets \(batch.baseOffset)...\(batch.lastOffset)): CRC mismatch")
                }
            } else {
                totals.records += 1
                let message = try LegacyMessage(bytes: bytes)
                totals.codecs.insert(message.codec.name)
                if !message.crcIsValid {
                    totals.invalidBatches += 1
                    output.errorLine("Invalid message at position \(header.position) (offset \(message.offset)): CRC mismatch")
                }
            }
        }
        if let tail = scanner.tail, maxBytes == LogSegmentDumper.defaultMaxBytes {
            totals.invalidTailBytes = Int64(tail.length)
            output.errorLine("Found \(tail.length) invalid bytes at position \(tail.position)")
        }
        return totals
    }

    /// CRC-32C of everything after the CRC field (attributes to the end), compared with the header's.
    static func crcMatches(_ batch: ByteBuffer, expected: UInt32) -> Bool {
        let crcStart = 21
        guard batch.readableBytes > crcStart else { return false }
        return batch.kafkaCRC32C(at: batch.readerIndex + crcStart, length: batch.readableBytes - crcStart) == expected
    }
}
