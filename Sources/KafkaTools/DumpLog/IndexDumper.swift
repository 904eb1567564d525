import KafkaStorage

/// Dumps `.index` (`offset: N position: P`) and `.timeindex` (`timestamp: T offset: N`) files, checking each entry
/// against the `.log` next to it as Apache's tool does; `--verify-index-only` keeps the checks and drops the
/// entry lines, `--index-sanity-check` only checks the file's shape.
struct IndexDumper {
    var json = false
    var verifyOnly = false
    var sanityCheckOnly = false
    let verifier: IndexVerifier
    let fileSystem: PosixFileSystem

    func dumpOffsetIndex(file: any StorageFile, path: String, baseOffset: Int64, output: DumpOutput) throws {
        var reader = try IndexFileReader(file: file, kind: .offset, baseOffset: baseOffset)
        if sanityCheckOnly {
            try sanityCheck(reader: &reader, path: path, baseOffset: baseOffset, output: output)
            return
        }
        let log = openLog(for: path)
        var entries = 0
        while let entry = try reader.nextOffsetEntry() {
            if let log { try verifier.checkOffsetEntry(entry, log: log, path: DumpLogRunner.absolutePath(path)) }
            if !verifyOnly {
                output.line(
                    json
                        ? DumpLogJSON.offsetIndexEntry(offset: entry.offset, position: Int64(entry.position))
                        : "offset: \(entry.offset) position: \(entry.position)")
            }
            entries += 1
        }
        if entries == 0 && !json { output.line("\(path) is empty.") }
    }

    func dumpTimeIndex(file: any StorageFile, path: String, baseOffset: Int64, output: DumpOutput) throws {
        var reader = try IndexFileReader(file: file, kind: .time, baseOffset: baseOffset)
        if sanityCheckOnly {
            try sanityCheck(reader: &reader, path: path, baseOffset: baseOffset, output: output)
            return
        }
        let log = openLog(for: path)
        let positions = try offsetIndexEntries(forTimeIndex: path, baseOffset: baseOffset)
        var previous: Int64 = -1
        while let entry = try reader.nextTimeEntry() {
            if let log {
                // The batch is looked up from the offset index's position for the entry, as Kafka does.
                let start = positions.last { $0.offset <= entry.offset }.map { Int64($0.position) } ?? 0
                try verifier.checkTimeEntry(
                    entry, previousTimestamp: previous, log: log, startPosition: start,
                    path: DumpLogRunner.absolutePath(path))
            }
            if !verifyOnly {
                output.line(
                    json
                        ? DumpLogJSON.timeIndexEntry(timestamp: entry.timestamp, offset: entry.offset)
                        : "timestamp: \(entry.timestamp) offset: \(entry.offset)")
            }
            previous = entry.timestamp
        }
    }

    /// Kafka's `AbstractIndex.sanityCheck`: whole entries only, and a last offset not below the base offset.
    private func sanityCheck(reader: inout IndexFileReader, path: String, baseOffset: Int64, output: DumpOutput) throws {
        let absolute = DumpLogRunner.absolutePath(path)
        let entrySize = reader.kind == .offset ? 8 : 12
        let size = try reader.file.size()
        if size % Int64(entrySize) != 0 {
            throw DumpLogError(
                "Index file \(Self.fileName(path)) is corrupt, found \(size) bytes which is neither positive nor a multiple of \(entrySize).")
        }
        var last: (offset: Int64, timestamp: Int64)?
        var first: Int64?
        if reader.kind == .offset {
            while let entry = try reader.nextOffsetEntry() { last = (entry.offset, 0) }
        } else {
            while let entry = try reader.nextTimeEntry() {
                if first == nil { first = entry.timestamp }
                last = (entry.offset, entry.timestamp)
            }
        }
        if let last, last.offset < baseOffset {
            let kind = reader.kind == .offset ? "index file" : "time index file"
            throw DumpLogError(
                "Corrupt index found, \(kind) (\(absolute)) has non-zero size but the last offset is \(last.offset) which is less than the base offset \(baseOffset).")
        }
        if let last, let first, last.timestamp < first {
            throw DumpLogError(
                "Corrupt time index found, time index file (\(absolute)) has non-zero size but the last timestamp is \(last.timestamp) which is less than the first timestamp \(first)")
        }
        output.line("\(path) passed sanity check.")
    }

    private func openLog(for indexPath: String) -> (any StorageFile)? {
        try? fileSystem.openFileForReading(IndexVerifier.logPath(forIndex: indexPath))
    }

    private func offsetIndexEntries(forTimeIndex path: String, baseOffset: Int64) throws -> [OffsetPosition] {
        let indexPath = String(IndexVerifier.logPath(forIndex: path).dropLast(4)) + ".index"
        guard let file = try? fileSystem.openFileForReading(indexPath) else { return [] }
        var reader = try IndexFileReader(file: file, kind: .offset, baseOffset: baseOffset)
        var entries: [OffsetPosition] = []
        while let entry = try reader.nextOffsetEntry() { entries.append(entry) }
        return entries
    }

    static func fileName(_ path: String) -> String { LogSegmentDumper.fileName(path) }
}

/// A problem with a file that ends its dump (one error line).
struct DumpLogError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
