import NIOCore

/// Compressed bytes made by real tools (not by this package), all of the same 180-byte text, created with
///   python3 -c "import sys; sys.stdout.buffer.write(b'The quick brown fox jumps over the lazy dog. ' * 4)" > plain.bin
enum Fixtures {
    static let plain = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 4)

    /// `gzip -9 -n -c plain.bin | xxd -p` (GNU gzip 1.12).
    static let gzip = ByteBuffer(hex: """
        1f8b08000000000002030bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228014ae72456552aa4e4a7eb29840c
        0ec5001b8dff44b4000000
        """)

    /// `lz4 -c -q plain.bin | xxd -p` (lz4 CLI 1.9.4: 4 MiB linked blocks, content checksum).
    static let lz4 = ByteBuffer(hex: """
        04224d186440a738000000ff1e54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f67
        2e202d006f50646f672e20000000005199f1c4
        """)

    /// The same frame with the header checksum byte (offset 6, 0xa7) replaced by 0x0c, the value Kafka's early
    /// Java writer produced: `xxhash.xxh32(bytes.fromhex('04224d186440')).intdigest() >> 8 & 0xff` (python xxhash
    /// 4.1.0), i.e. the hash taken over the magic number as well as the descriptor.
    static let lz4LegacyHeaderChecksum = ByteBuffer(hex: """
        04224d1864400c38000000ff1e54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f67
        2e202d006f50646f672e20000000005199f1c4
        """)

    /// `cat plain.bin | zstd -q -19 -c | xxd -p` (zstd CLI 1.5.4). Read from a pipe, so the frame has no content
    /// size; it declares an 8 MiB window and an XXH64 checksum.
    static let zstd = ByteBuffer(hex: """
        28b52ffd0468b50100d40254686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e20
        010025404a9501a470900d
        """)

    /// One raw snappy block: `snappy.compress(open('plain.bin','rb').read()).hex()` (python-snappy 0.7.3).
    static let snappyRaw = ByteBuffer(hex: """
        b401b054686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e20fe2d00fe2d000d2d
        """)

    /// xerial framing assembled by hand around two raw blocks from python-snappy 0.7.3, `snappy.compress(plain[:100])`
    /// and `snappy.compress(plain[100:])`: magic 82 53 4e 41 50 50 59 00, version 1, minimum compatible version 1,
    /// then each block as [big-endian int32 length][block].
    static let snappyXerial = ByteBuffer(hex: """
        82534e415050590000000001000000010000003264b054686520717569636b2062726f776e20666f78206a756d7073206f76657220746865
        206c617a7920646f672e20da2d000000003450b862726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e2054
        686520717569636b206272822d00
        """)
}
