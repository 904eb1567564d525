import KafkaCompression
import KafkaProtocol
import KafkaStorage
import NIOCore

/// Dumps one `.log` file: a batch line per entry and, with deep iteration, a line per record. A bad CRC is
/// reported (`isvalid: false`) and the dump goes on; records that cannot be decoded are one error line each.
struct LogSegmentDumper {
    let format: DumpLogFormat
    /// `--max-bytes`; the trailing-bytes report is only made when it is left at its default, as Apache does.
    let maxBytes: Int
    let gaps: OffsetGapTracker
    /// Bounds a compressed batch's records in memory (a corrupt or hostile batch cannot claim more).
    let maxDecompressedBytes = 1 << 30

    static let defaultMaxBytes = Int(Int32.max)

    /// Returns false when something could not be decoded.
    func dump(file: any StorageFile, path: String, baseOffset: Int64, output: DumpOutput) throws -> Bool {
        output.line(format.json ? DumpLogJSON.file(path: path, logStartOffset: baseOffset) : "Log starting offset: \(baseOffset)")
        let size = try file.size()
        var scanner = try LogFileScanner(file: file, endPosition: min(size, Int64(maxBytes)))
        var ok = true
        while let (header, bytes) = try scanner.nextEntry() {
            if header.magic == RecordBatchHeader.magic {
                ok = dumpBatch(bytes, at: header.position, output: output) && ok
            } else {
                ok = dumpLegacy(bytes, at: header.position, output: output) && ok
            }
        }
        if let tail = scanner.tail, maxBytes == Self.defaultMaxBytes {
            output.line(
                format.json
                    ? DumpLogJSON.invalidBytes(tail.length, file: Self.fileName(path))
                    : "Found \(tail.length) invalid bytes at the end of \(Self.fileName(path))")
        }
        return ok
    }

    private func dumpBatch(_ bytes: ByteBuffer, at position: Int64, output: DumpOutput) -> Bool {
        let batch: RecordBatch
        do {
            batch = try RecordBatch(bytes: bytes)
        } catch {
            output.errorLine("Error at position \(position), skipping the batch: \(error)")
            return false
        }
        output.line(
            format.json
                ? DumpLogJSON.batch(batch.header, position: position, crcIsValid: batch.crcIsValid)
                : DumpLogLines.batchLine(batch.header, position: position, crcIsValid: batch.crcIsValid))
        guard format.deepIteration else { return true }
        do {
            var records = try batch.records(maxDecompressedBytes: maxDecompressedBytes)
            while let record = try records.next() {
                gaps.see(record.offset(in: batch.header))
                if format.json {
                    let control = batch.header.isControl ? try DumpLogLines.controlInfo(record) : nil
                    output.line(
                        DumpLogJSON.record(
                            record, in: batch.header, control: control.map { ($0.type, $0.coordinatorEpoch) },
                            format: format))
                } else {
                    let control = batch.header.isControl ? try DumpLogLines.controlDescription(record) : nil
                    DumpLogLines.writeRecordLine(record, in: batch.header, control: control, format: format, to: output)
                }
            }
            return true
        } catch {
            output.errorLine("Error in the records of the batch at offset \(batch.header.baseOffset): \(error)")
            return false
        }
    }

    private func dumpLegacy(_ bytes: ByteBuffer, at position: Int64, output: DumpOutput) -> Bool {
        do {
            let message = try LegacyMessage(bytes: bytes)
            let valid = message.crcIsValid
            output.line(
                format.json
                    ? DumpLogJSON.legacyEntry(message, position: position, crcIsValid: valid)
                    : DumpLogLines.legacyEntryLine(message, position: position, crcIsValid: valid))
            guard format.deepIteration else { return true }
            let inner = try message.innerMessages(maxDecompressedBytes: maxDecompressedBytes, verifyCRC: false)
            // Magic 1 inner offsets are relative, the wrapper holding the last one's absolute offset; magic 0
            // inner offsets are absolute. A LogAppendTime wrapper gives its timestamp to every inner message.
            let lastRelative = inner.last?.offset ?? 0
            for record in inner {
                let offset = message.magic == 1 && message.isCompressed
                    ? message.offset - lastRelative + record.offset : record.offset
                gaps.see(offset)
                let timestamp = message.timestampType == .logAppendTime ? message.timestamp : record.timestamp
                output.line(
                    format.json
                        ? DumpLogJSON.legacyRecord(
                            record, offset: offset, timestampType: message.timestampType, timestamp: timestamp,
                            crcIsValid: record.crcIsValid, format: format)
                        : DumpLogLines.legacyRecordLine(
                            record, offset: offset, timestampType: message.timestampType, timestamp: timestamp,
                            crcIsValid: record.crcIsValid, format: format))
            }
            return true
        } catch {
            output.errorLine("Error at position \(position): \(error)")
            return false
        }
    }

    /// Apache prints `File.getName()` in the trailing-bytes line.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
