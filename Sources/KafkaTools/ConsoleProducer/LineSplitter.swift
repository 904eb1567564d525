#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds lines in a stream of byte chunks as Java's `BufferedReader.readLine` does: `\n`, `\r` and `\r\n` each end a
/// line, the terminator is not part of it, and a last line without a terminator still counts.
///
/// A chunk is scanned with `memchr`; one without any `\r` (the usual case) needs nothing else.
struct LineSplitter {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The previous chunk ended with `\r` right after a complete line: a `\n` opening this chunk belongs to it.
    private var skipLineFeed = false

    /// Appends the ranges of the complete lines in `bytes` to `lines` and returns where the unfinished last line
    /// starts (`bytes.count` when there is none). `searchFrom` skips bytes already known to hold no terminator
    /// (an unfinished line carried over from the previous chunk, which must open `bytes`).
    mutating func split(_ bytes: UnsafeRawBufferPointer, searchFrom: Int = 0, into lines: inout [Range<Int>]) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let count = bytes.count
        var start = 0
        var position = searchFrom
        if skipLineFeed {
            skipLineFeed = false
            if searchFrom == 0 && base.load(as: UInt8.self) == Self.lineFeed {
                start = 1
                position = 1
            }
        }
        if memchr(base + position, Int32(Self.carriageReturn), count - position) == nil {
            while position < count, let found = memchr(base + position, Int32(Self.lineFeed), count - position) {
                let end = base.distance(to: UnsafeRawPointer(found))
                lines.append(start..<end)
                start = end + 1
                position = start
            }
            return start
        }
        while position < count {
            let byte = bytes[position]
            if byte == Self.lineFeed {
                lines.append(start..<position)
                start = position + 1
            } else if byte == Self.carriageReturn {
                lines.append(start..<position)
                if position + 1 < count {
                    if bytes[position + 1] == Self.lineFeed { position += 1 }
                } else {
                    skipLineFeed = true
                }
                start = position + 1
            }
            position += 1
        }
        return start
    }
}
