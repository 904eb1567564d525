/// The LZ4 frame header, as far as the legacy Kafka quirk needs it.
///
/// Kafka's early Java LZ4 stream (record format magic 0) computed the header checksum byte over the magic
/// number as well as the frame descriptor; the frame format defines it over the descriptor only. Brokers keep
/// reading such batches, so for them the byte is recomputed the correct way before liblz4 sees the header.
enum LZ4FrameHeader {
    static let magic: [UInt8] = [0x04, 0x22, 0x4D, 0x18]  // 0x184D2204, little-endian

    /// The header with its checksum byte recomputed over the descriptor, or nil if `bytes` does not start with
    /// a complete LZ4 frame header (liblz4 then reports the problem itself).
    static func withCorrectedChecksum(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 7, bytes.prefix(4).elementsEqual(magic) else { return nil }
        let flags = bytes[4]
        let hasContentSize = flags & 0x08 != 0
        let hasDictionaryID = flags & 0x01 != 0
        let checksumIndex = 6 + (hasContentSize ? 8 : 0) + (hasDictionaryID ? 4 : 0)
        guard bytes.count > checksumIndex else { return nil }
        var header = Array(bytes.prefix(checksumIndex + 1))
        header[checksumIndex] = checksum(descriptor: header[4..<checksumIndex])
        return header
    }

    /// The frame format's header checksum: the second byte of the descriptor's xxHash32.
    static func checksum<Bytes: Collection<UInt8>>(descriptor: Bytes) -> UInt8 {
        UInt8(truncatingIfNeeded: XXHash32.hash(descriptor) >> 8)
    }
}
