import CZlib
import NIOCore

/// CRC-32 (the IEEE/zlib polynomial) of `buffer`'s readable bytes: the checksum of legacy messages
/// (record format magic 0 and 1), computed from the magic byte to the end of the message.
public func crc32IEEE(_ buffer: ByteBuffer) -> UInt32 {
    buffer.withUnsafeReadableBytes { bytes in
        UInt32(truncatingIfNeeded: crc32_z(0, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), bytes.count))
    }
}
