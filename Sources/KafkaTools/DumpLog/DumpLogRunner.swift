#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaStorage

/// Dumps the files given to `--files`, in order, choosing the kind by suffix as Apache's tool does. A file that
/// cannot be read is one error line; the others are still dumped.
struct DumpLogRunner {
    let format: DumpLogFormat
    let maxBytes: Int
    /// `--verify`: check `.log` files and print one summary line each instead of dumping them.
    var verify = false
    var verifyIndexOnly = false
    var indexSanityCheck = false
    var maxMessageSize = 5 * 1024 * 1024
    let fileSystem = PosixFileSystem()

    /// Returns false when any file could not be read or decoded.
    func run(paths: [String], output: DumpOutput) -> Bool {
        var ok = true
        var gapReports: [String] = []
        let indexVerifier = IndexVerifier(maxMessageSize: maxMessageSize)
        for path in paths {
            if !format.json { output.line("Dumping \(path)") }
            let gaps = OffsetGapTracker()
            ok = dump(path: path, gaps: gaps, indexVerifier: indexVerifier, output: output) && ok
            gapReports += gaps.reportLines(absolutePath: Self.absolutePath(path))
        }
        // Apache's order: index findings, then offset gaps.
        for line in indexVerifier.reportLines() { output.errorLine(line) }
        for line in gapReports { output.errorLine(line) }
        output.flush()
        return ok
    }

    private func dump(path: String, gaps: OffsetGapTracker, indexVerifier: IndexVerifier, output: DumpOutput) -> Bool {
        guard !fileSystem.isDirectory(path) else {
            output.errorLine("Error: \(path) is a directory")
            return false
        }
        let name = LogSegmentDumper.fileName(path)
        let suffix = name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""
        guard [".log", ".index", ".timeindex", ".snapshot", ".txnindex"].contains(suffix) else {
            if suffix == ".checkpoint" {
                output.errorLine("Error: \(path): KRaft snapshot (.checkpoint) files are not supported yet")
                return false
            }
            output.errorLine("Ignoring unknown file \(path)")
            return true
        }
        do {
            let file = try fileSystem.openFileForReading(path)
            // Apache reads the base offset from the name (`00000000000000000042.log` starts at 42).
            guard let baseOffset = Int64(name.prefix { $0 != "." }) else {
                output.errorLine("Error: \(path): the file name does not start with a base offset")
                return false
            }
            switch suffix {
            case ".log" where verify:
                let totals = try SegmentVerifier(maxBytes: maxBytes).verify(file: file, output: output)
                output.line(totals.line(path: path))
                return totals.isValid
            case ".log":
                return try LogSegmentDumper(format: format, maxBytes: maxBytes, gaps: gaps)
                    .dump(file: file, path: path, baseOffset: baseOffset, output: output)
            case ".snapshot":
                try ProducerStateDumper().dumpSnapshot(file: file, output: output)
            case ".txnindex":
                try ProducerStateDumper().dumpTransactionIndex(file: file, output: output)
            case ".index":
                if format.json { output.line(DumpLogJSON.file(path: path, logStartOffset: nil)) }
                try indexDumper(indexVerifier).dumpOffsetIndex(file: file, path: path, baseOffset: baseOffset, output: output)
            default:
                if format.json { output.line(DumpLogJSON.file(path: path, logStartOffset: nil)) }
                try indexDumper(indexVerifier).dumpTimeIndex(file: file, path: path, baseOffset: baseOffset, output: output)
            }
            return true
        } catch let error as DumpLogError {
            output.errorLine("Error: \(error)")
            return false
        } catch {
            output.errorLine("Error: could not read \(path): \(Self.describe(error))")
            return false
        }
    }

    private func indexDumper(_ verifier: IndexVerifier) -> IndexDumper {
        IndexDumper(
            json: format.json, verifyOnly: verifyIndexOnly, sanityCheckOnly: indexSanityCheck, verifier: verifier,
            fileSystem: fileSystem)
    }

    /// Java's `File.getAbsolutePath`: the working directory prepended, nothing normalised.
    static func absolutePath(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case StorageError.notFound: return String(cString: strerror(ENOENT))
        case StorageError.io(let operation, _, let code): return "\(operation): \(String(cString: strerror(code)))"
        default: return "\(error)"
        }
    }
}
