import KafkaStorage

/// Dumps `.index` (`offset: N position: P`) and `.timeindex` (`timestamp: T offset: N`) files.
struct IndexDumper {
    var json = false

    func dumpOffsetIndex(file: any StorageFile, path: String, baseOffset: Int64, output: DumpOutput) throws {
        var reader = try IndexFileReader(file: file, kind: .offset, baseOffset: baseOffset)
        var entries = 0
        while let entry = try reader.nextOffsetEntry() {
            output.line(
                json
                    ? DumpLogJSON.offsetIndexEntry(offset: entry.offset, position: Int64(entry.position))
                    : "offset: \(entry.offset) position: \(entry.position)")
            entries += 1
        }
        if entries == 0 && !json { output.line("\(path) is empty.") }
    }

    func dumpTimeIndex(file: any StorageFile, baseOffset: Int64, output: DumpOutput) throws {
        var reader = try IndexFileReader(file: file, kind: .time, baseOffset: baseOffset)
        while let entry = try reader.nextTimeEntry() {
            output.line(
                json
                    ? DumpLogJSON.timeIndexEntry(timestamp: entry.timestamp, offset: entry.offset)
                    : "timestamp: \(entry.timestamp) offset: \(entry.offset)")
        }
    }
}
