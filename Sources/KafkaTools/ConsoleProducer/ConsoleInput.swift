import NIOCore

/// Lines read from the console producer's input, a batch at a time: `lines` are absolute index ranges into `buffer`,
/// without their terminators, already valid UTF-8 when `isASCII` is true.
struct ConsoleLineBatch {
    var buffer: ByteBuffer
    var lines: [Range<Int>]
    var isASCII: Bool

    /// Line `index`, as Java would send it (see `UTF8Repair`), as a slice of the batch's buffer.
    func line(_ index: Int) -> ByteBuffer {
        let range = lines[index]
        let slice = buffer.getSlice(at: range.lowerBound, length: range.count) ?? ByteBuffer()
        return isASCII ? slice : UTF8Repair.repaired(slice)
    }
}

/// Where input lines come from: a pipe or file read in large chunks, or a terminal through readline.
protocol ConsoleInput {
    /// The next lines, or nil at the end of the input.
    mutating func nextBatch() async throws -> ConsoleLineBatch?
}

/// A failure reading the input, e.g. `read(2)` failing: one line on stderr, exit 1.
struct ConsoleInputError: Error, CustomStringConvertible {
    let description: String
}
