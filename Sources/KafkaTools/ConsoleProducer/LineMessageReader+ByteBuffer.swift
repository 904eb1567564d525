import KafkaProtocol
import NIOCore

/// A line's record as the producer takes it: key and value are slices of the line, so nothing is copied.
struct ConsoleLineRecord {
    var key: ByteBuffer?
    var value: ByteBuffer?
    var headers: [RecordHeader]
}

extension LineMessageReader {
    /// `read(line:lineNumber:)` for a line held as valid UTF-8 bytes, with the same results and errors. Separators
    /// are searched as bytes, which matches Java's `indexOf` on valid UTF-8 (see `ByteSearch`); the headers block
    /// goes through the same splitter as the `String` path.
    func record(fromLine line: ByteBuffer, lineNumber: Int) throws -> ConsoleLineRecord {
        if !parseHeaders && !parseKey {
            return ConsoleLineRecord(key: nil, value: nonNull(line), headers: [])
        }
        var headersRange: Range<Int>?
        var offset = 0
        if parseHeaders {
            if let end = Self.find(headersDelimiterBytes, in: line, from: 0) {
                headersRange = 0..<end
                offset = end + headersDelimiterBytes.count
            } else if !ignoreError {
                throw ParseError.missingHeadersDelimiter(lineNumber: lineNumber, line: String(buffer: line))
            }
        }
        var key: ByteBuffer?
        if parseKey {
            if let end = Self.find(keySeparatorBytes, in: line, from: offset) {
                key = Self.slice(line, offset..<end)
                offset = end + keySeparatorBytes.count
            } else if !ignoreError {
                throw ParseError.missingKeySeparator(lineNumber: lineNumber, line: String(buffer: line))
            }
        }
        var record = ConsoleLineRecord(
            key: key.flatMap(nonNull), value: nonNull(Self.slice(line, offset..<line.readableBytes)), headers: [])
        if let headersRange {
            let block = line.getBytes(at: line.readerIndex + headersRange.lowerBound, length: headersRange.count) ?? []
            if !isNullMarker(block[...]) {
                record.headers = try splitter.split(block).map { pair in
                    let header = try header(from: pair, lineNumber: lineNumber)
                    return RecordHeader(key: header.key, value: header.value.map { ByteBuffer(bytes: $0) })
                }
            }
        }
        return record
    }

    private func nonNull(_ bytes: ByteBuffer) -> ByteBuffer? {
        guard let nullMarkerBytes, bytes.readableBytes == nullMarkerBytes.count else { return bytes }
        return bytes.readableBytesView.elementsEqual(nullMarkerBytes) ? nil : bytes
    }

    private static func slice(_ line: ByteBuffer, _ range: Range<Int>) -> ByteBuffer {
        line.getSlice(at: line.readerIndex + range.lowerBound, length: range.count) ?? ByteBuffer()
    }

    /// The offset (from the line's start) of the first `needle` at or after `start`; an empty needle is found at
    /// `start`, as `indexOf("", start)` is.
    private static func find(_ needle: [UInt8], in line: ByteBuffer, from start: Int) -> Int? {
        guard start <= line.readableBytes else { return nil }
        if needle.isEmpty { return start }
        return line.withUnsafeReadableBytes { haystack in
            needle.withUnsafeBytes { pattern in
                ByteSearch.firstIndex(of: pattern, in: haystack, from: start)
            }
        }
    }
}
