import Foundation
import KafkaClient
import NIOCore
import Testing

@Suite struct Murmur2Tests {
    /// `UtilsTest.testMurmur2` in apache/kafka.
    static let javaVectors: [(key: String, hash: Int32)] = [
        ("21", -973_932_308),
        ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
    ]

    @Test(arguments: javaVectors)
    func matchesJavaUtilsTest(key: String, hash: Int32) {
        #expect(murmur2(Array(key.utf8)) == hash)
    }

    @Test func anyByteCollectionHashesAlike() {
        let bytes = Array("a-little-bit-longer-string".utf8)
        #expect(murmur2("a-little-bit-longer-string".utf8) == -1_486_304_829)
        #expect(murmur2(bytes[2...]) == murmur2(Array(bytes[2...])))
        #expect(murmur2(ByteBuffer(bytes: bytes).readableBytesView) == -1_486_304_829)
        #expect(murmur2([UInt8]()) == murmur2(EmptyCollection<UInt8>()))
    }

    @Test func toPositiveClearsTheSignBit() {
        #expect(toPositive(0) == 0)
        #expect(toPositive(5) == 5)
        #expect(toPositive(-1) == Int32.max)
        #expect(toPositive(Int32.min) == 0)
        #expect(toPositive(-973_932_308) == 1_173_551_340)
    }

    @Test func keyedPartitionIsPositiveHashModuloCount() {
        #expect(keyedPartition(key: Array("21".utf8), partitionCount: 1) == 0)
        #expect(keyedPartition(key: Array("21".utf8), partitionCount: 12) == 1_173_551_340 % 12)
    }

    /// 10,000 random keys of 0 to 40 bytes hashed by kafka-python (Fixtures/make-murmur2-fixture.py).
    @Test func matchesKafkaPythonFixture() throws {
        let url = try #require(Bundle.module.url(forResource: "murmur2-kafka-python", withExtension: "txt", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 10_000)
        var emptyKeys = 0
        for line in lines {
            let fields = line.split(separator: " ")
            try #require(fields.count == 4, "bad fixture line: \(line)")
            let key = try #require(Self.bytes(hex: fields[0]), "bad hex: \(line)")
            if key.isEmpty { emptyKeys += 1 }
            #expect(murmur2(key) == Int32(fields[1]), "murmur2 of \(fields[0])")
            #expect(keyedPartition(key: key, partitionCount: 3) == Int32(fields[2]), "partition of 3 for \(fields[0])")
            #expect(keyedPartition(key: key, partitionCount: 7) == Int32(fields[3]), "partition of 7 for \(fields[0])")
        }
        #expect(emptyKeys > 0)
    }

    /// Lowercase hex, or `-` for the empty key.
    private static func bytes(hex: Substring) -> [UInt8]? {
        if hex == "-" { return [] }
        guard hex.utf8.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}
