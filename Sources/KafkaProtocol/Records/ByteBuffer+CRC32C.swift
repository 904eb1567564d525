import CCRC32C
import NIOCore

extension ByteBuffer {
    /// CRC-32C (Castagnoli) of `length` bytes at absolute `index`, or nil when they are not all readable.
    @inlinable
    public func kafkaCRC32C(at index: Int, length: Int) -> UInt32? {
        guard length >= 0, index >= readerIndex, index <= writerIndex - length,
            let region = getSlice(at: index, length: length)
        else { return nil }
        return region.withUnsafeReadableBytes { kafka_crc32c(0, $0.baseAddress, $0.count) }
    }
}
