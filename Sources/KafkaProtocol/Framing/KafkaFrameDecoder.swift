import NIOCore

/// Splits a TCP stream into Kafka frames: a 4-byte big-endian size, then that many bytes (header and body).
/// The size is checked against `maxFrameLength` before anything is buffered for it, so a hostile peer cannot make
/// us allocate what it claims.
public struct KafkaFrameDecoder: NIOSingleStepByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// Apache's `socket.request.max.bytes` default (100 MiB).
    public static let defaultMaxFrameLength = 104_857_600

    public let maxFrameLength: Int

    public init(maxFrameLength: Int = Self.defaultMaxFrameLength) {
        self.maxFrameLength = maxFrameLength
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let size = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return nil }
        guard size >= 0, Int(size) <= maxFrameLength else {
            throw KafkaFrameError.invalidFrameSize(Int(size), max: maxFrameLength)
        }
        guard buffer.readableBytes >= 4 + Int(size) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(size))
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        try decode(buffer: &buffer)
    }
}

public enum KafkaFrameError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalidFrameSize(Int, max: Int)

    public var description: String {
        switch self {
        case .invalidFrameSize(let size, let max):
            return "invalid frame size \(size) (the maximum is \(max))"
        }
    }
}
