import KafkaProtocol
import Testing

@Suite struct CompressionCodecTests {
    @Test func namesAndIDsAreKafkas() {
        let expected: [(CompressionCodec, Int8, String)] = [
            (.none, 0, "none"), (.gzip, 1, "gzip"), (.snappy, 2, "snappy"), (.lz4, 3, "lz4"), (.zstd, 4, "zstd"),
        ]
        #expect(CompressionCodec.allCases.count == expected.count)
        for (codec, id, name) in expected {
            #expect(codec.rawValue == id)
            #expect(codec.name == name)
            #expect(CompressionCodec(name: name) == codec)
            #expect(CompressionCodec(rawValue: id) == codec)
        }
    }

    @Test func unknownNamesAndIDsAreRejected() {
        #expect(CompressionCodec(name: "producer") == nil)
        #expect(CompressionCodec(name: "GZIP") == nil)
        #expect(CompressionCodec(name: "") == nil)
        #expect(CompressionCodec(rawValue: 5) == nil)
        #expect(CompressionCodec(rawValue: -1) == nil)
    }
}
