import CSnappy
import KafkaProtocol
import NIOCore

/// snappy as Kafka carries it: the Java client writes xerial's framing (see `XerialSnappy`), while librdkafka
/// and others may send one raw snappy block, so reading accepts both.
enum SnappyCodec {
    static func compress(_ input: ByteBuffer) throws -> ByteBuffer {
        try input.withUnsafeReadableBytes { source in
            try XerialSnappy.encode(source)
        }
    }

    static func decompress(_ input: ByteBuffer, into output: inout BoundedOutput) throws {
        try input.withUnsafeReadableBytes { source in
            // A raw block cannot start with the xerial magic: after its length varint the first element would
            // have to be a back-reference, and a block's first element is always a literal.
            if XerialSnappy.hasMagic(source) {
                try XerialSnappy.decode(source, into: &output)
            } else {
                try decodeBlock(source, into: &output)
            }
        }
    }

    /// Decodes one raw snappy block, checking the length it announces before allocating anything for it.
    static func decodeBlock(_ block: UnsafeRawBufferPointer, into output: inout BoundedOutput) throws {
        let source = block.baseAddress?.assumingMemoryBound(to: CChar.self)
        var announced = 0
        guard let source, snappy_uncompressed_length(source, block.count, &announced) == SNAPPY_OK else {
            throw block.isEmpty
                ? CompressionError.truncatedInput(codec: .snappy)
                : CompressionError.corruptInput(codec: .snappy, detail: "unreadable block length")
        }
        try output.append(exactly: announced) { target in
            var produced = announced
            let status = snappy_uncompress(
                source, block.count, target.baseAddress?.assumingMemoryBound(to: CChar.self), &produced)
            guard status == SNAPPY_OK, produced == announced else {
                throw CompressionError.corruptInput(codec: .snappy, detail: "invalid block")
            }
        }
    }

    /// Appends one raw snappy block for `chunk` to `output`; returns its compressed size.
    static func encodeBlock(_ chunk: UnsafeRawBufferPointer, into output: inout ByteBuffer) throws -> Int {
        let bound = snappy_max_compressed_length(chunk.count)
        var failed = false
        let written = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
            var length = target.count
            // snappy reads nothing for an empty chunk but still wants a non-null pointer.
            let source = chunk.baseAddress ?? UnsafeRawPointer(target.baseAddress)
            let status = snappy_compress(
                source?.assumingMemoryBound(to: CChar.self), chunk.count,
                target.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            failed = status != SNAPPY_OK
            return failed ? 0 : length
        }
        if failed {
            throw CompressionError.libraryFailure(codec: .snappy, detail: "snappy_compress failed")
        }
        return written
    }
}
