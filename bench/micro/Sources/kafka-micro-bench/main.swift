// Micro-benchmarks of the hot paths that end-to-end figures depend on. Prints one line per figure.
// An argument selects benchmarks by name prefix: kafka-micro-bench crc32c
let benchmarks: [(name: String, run: () -> [Measurement])] = [
    ("crc32c", CRC32CBenchmark.run),
    ("records", RecordBatchDecodeBenchmark.run),
]

let selected = CommandLine.arguments.dropFirst()
for (name, run) in benchmarks where selected.isEmpty || selected.contains(where: { name.hasPrefix($0) }) {
    for result in run() {
        print(result.line)
    }
}
