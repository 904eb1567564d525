import Testing

@testable import KafkaTools

/// `LineSplitter` against `BufferedReader.readLine`'s rules, whatever the chunk boundaries.
@Suite struct LineSplitterTests {
    /// Splits `input` in chunks of `chunkSize` as `ChunkedInput` does and returns the lines.
    static func lines(_ input: String, chunkSize: Int) -> [String] {
        let bytes = Array(input.utf8)
        var splitter = LineSplitter()
        var pending: [UInt8] = []
        var carried = 0
        var result: [String] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            pending += bytes[offset..<end]
            offset = end
            var ranges: [Range<Int>] = []
            let rest = pending.withUnsafeBytes { splitter.split($0, searchFrom: carried, into: &ranges) }
            result += ranges.map { String(decoding: pending[$0], as: UTF8.self) }
            pending.removeFirst(rest)
            carried = pending.count
        }
        if !pending.isEmpty { result.append(String(decoding: pending, as: UTF8.self)) }
        return result
    }

    static let cases: [(input: String, lines: [String])] = [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("\n", [""]),
        ("\n\n", ["", ""]),
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb", ["a", "b"]),
        ("a\r", ["a"]),
        ("a\r\r\n", ["a", ""]),
        ("a\n\r\nb", ["a", "", "b"]),
        ("a\r\n\r\n", ["a", ""]),
        ("héllo\tw🎉rld\nx", ["héllo\tw🎉rld", "x"]),
        ("a\u{0}b\n", ["a\u{0}b"]),
    ]

    @Test(arguments: cases)
    func splitsLikeReadLine(input: String, lines: [String]) {
        for chunkSize in [1, 2, 3, 7, 1 << 20] {
            #expect(Self.lines(input, chunkSize: chunkSize) == lines, "chunk size \(chunkSize)")
        }
    }

    @Test func longLineAcrossManyChunks() {
        let long = String(repeating: "x", count: 10_000)
        #expect(Self.lines(long + "\r\n" + long, chunkSize: 97) == [long, long])
    }
}
