import Foundation
import KafkaCompression
import KafkaProtocol
import NIOCore

/// Builds segment files from the real clients' produce batches (Tests/KafkaProtocolTests/Fixtures/batches), with
/// base offsets rewritten to follow on from each other as a broker stores them.
enum SegmentFixtures {
    static let batchesDirectory = CompletionScriptsAreCurrentTests.root
        .appendingPathComponent("Tests/KafkaProtocolTests/Fixtures/batches")

    /// The bytes of one `<name>.hex` fixture.
    static func batch(_ name: String) throws -> ByteBuffer {
        let text = try String(contentsOf: batchesDirectory.appendingPathComponent("\(name).hex"), encoding: .utf8)
        let digits = Array(text.filter(\.isHexDigit).utf8)
        var buffer = ByteBuffer()
        var index = 0
        while index + 1 < digits.count {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                throw FixtureError.badHex(name)
            }
            buffer.writeInteger(byte)
            index += 2
        }
        return buffer
    }

    /// The entries concatenated, starting at offset `firstOffset`. A v2 batch takes its base offset; a legacy
    /// magic-1 wrapper carries its last inner message's offset.
    static func segment(_ entries: [ByteBuffer], firstOffset: Int64 = 0) throws -> ByteBuffer {
        var segment = ByteBuffer()
        var next = firstOffset
        for var entry in entries {
            let magic = entry.getInteger(at: entry.readerIndex + 16, as: Int8.self)
            if magic == RecordBatchHeader.magic {
                try entry.setRecordBatchBaseOffset(next, batchAt: entry.readerIndex)
                next = try RecordBatchHeader(parsing: entry, at: entry.readerIndex).nextOffset
            } else {
                let count = try LegacyMessage(bytes: entry).innerMessages(maxDecompressedBytes: 1 << 20).count
                next += Int64(count)
                entry.setInteger(next - 1, at: entry.readerIndex)
            }
            segment.writeImmutableBuffer(entry)
        }
        return segment
    }

    static func segment(_ names: [String], firstOffset: Int64 = 0) throws -> ByteBuffer {
        try segment(names.map(batch), firstOffset: firstOffset)
    }

    enum FixtureError: Error { case badHex(String) }
}

/// A temporary directory removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("dump-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` and returns the file's path.
    func write(_ name: String, _ bytes: ByteBuffer) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes.readableBytesView).write(to: URL(fileURLWithPath: path))
        return path
    }
}
