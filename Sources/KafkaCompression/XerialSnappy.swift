import KafkaProtocol
import NIOCore

/// The framing of snappy-java's SnappyOutputStream, which Kafka's Java client uses for snappy batches:
/// an 8-byte magic, a big-endian int32 format version and int32 minimum compatible version, then blocks of
/// [big-endian int32 compressed length][raw snappy block].
enum XerialSnappy {
    static let magic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]
    static let headerLength = 16
    /// SnappyOutputStream's default block size; the Java client keeps it.
    static let blockSize = 32 * 1024
    private static let version: UInt32 = 1
    private static let minimumCompatibleVersion: UInt32 = 1

    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic)
    }

    static func encode(_ source: UnsafeRawBufferPointer) throws -> ByteBuffer {
        let blocks = (source.count + blockSize - 1) / blockSize
        var output = ByteBufferAllocator().buffer(capacity: headerLength + source.count / 2 + blocks * 8 + 64)
        output.writeBytes(magic)
        output.writeInteger(version)
        output.writeInteger(minimumCompatibleVersion)
        var offset = 0
        while offset < source.count {
            let chunk = UnsafeRawBufferPointer(rebasing: source[offset..<min(offset + blockSize, source.count)])
            let lengthIndex = output.writerIndex
            output.writeInteger(UInt32(0))
            let length = try SnappyCodec.encodeBlock(chunk, into: &output)
            output.setInteger(UInt32(length), at: lengthIndex)
            offset += chunk.count
        }
        return output
    }

    static func decode(_ framed: UnsafeRawBufferPointer, into output: inout BoundedOutput) throws {
        guard framed.count >= headerLength else { throw CompressionError.truncatedInput(codec: .snappy) }
        var offset = headerLength
        while offset < framed.count {
            guard framed.count - offset >= 4 else { throw CompressionError.truncatedInput(codec: .snappy) }
            let length = framed[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length > 0, length <= Int(Int32.max) else {
                throw CompressionError.corruptInput(codec: .snappy, detail: "xerial block length \(length)")
            }
            guard length <= framed.count - offset else { throw CompressionError.truncatedInput(codec: .snappy) }
            try SnappyCodec.decodeBlock(UnsafeRawBufferPointer(rebasing: framed[offset..<offset + length]), into: &output)
            offset += length
        }
    }
}
