import CCRC32C
import Testing

@Suite struct CRC32CTests {
    static let hardwareAvailable = kafka_crc32c_hardware_available() != 0

    enum Implementation: String, CaseIterable {
        case dispatch, software, hardware

        func callAsFunction(_ seed: UInt32, _ bytes: UnsafeRawPointer?, _ count: Int) -> UInt32 {
            switch self {
            case .dispatch: return kafka_crc32c(seed, bytes, count)
            case .software: return kafka_crc32c_software(seed, bytes, count)
            case .hardware: return kafka_crc32c_hardware(seed, bytes, count)
            }
        }
    }

    /// Every path, the hardware one only on CPUs that have it.
    static let implementations: [(name: String, crc: Implementation)] =
        Implementation.allCases.filter { $0 != .hardware || hardwareAvailable }.map { ($0.rawValue, $0) }

    /// Bit-at-a-time reference, independent of the C tables.
    static func reference(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    static func crc(_ implementation: Implementation, _ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { implementation(seed, $0.baseAddress, $0.count) }
    }

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test func checkValueOnEveryPath() {
        let check = Array("123456789".utf8)
        #expect(Self.reference(check) == 0xE306_9283)
        for (name, implementation) in Self.implementations {
            #expect(Self.crc(implementation, check) == 0xE306_9283, "\(name)")
        }
    }

    @Test(.enabled(if: hardwareAvailable, "this CPU has no SSE4.2"))
    func hardwarePathIsReallyAvailableHere() {
        #expect(kafka_crc32c_hardware(0, "123456789", 9) == 0xE306_9283)
    }

    /// The 32-byte vectors of RFC 3720 (iSCSI), appendix B.4.
    @Test func iscsiVectors() {
        let vectors: [([UInt8], UInt32)] = [
            ([UInt8](repeating: 0x00, count: 32), 0x8A91_36AA),
            ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
            (Array(0...31), 0x46DD_794E),
            (Array((0...31).reversed()), 0x113F_DB5C),
        ]
        for (bytes, expected) in vectors {
            for (name, implementation) in Self.implementations {
                #expect(Self.crc(implementation, bytes) == expected, "\(name)")
            }
        }
    }

    /// Every length up to 300 at every alignment: the byte-stepping head and tail of each path.
    @Test func shortBuffersAtEveryMisalignmentMatchTheReference() {
        let pool = Self.randomBytes(300 + 16, seed: 1)
        pool.withUnsafeBytes { raw in
            for offset in 0..<16 {
                for length in 0...300 {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length])
                    let expected = Self.reference(slice)
                    for (name, implementation) in Self.implementations {
                        let actual = implementation(0, slice.baseAddress, slice.count)
                        #expect(actual == expected, "\(name) length \(length) offset \(offset)")
                    }
                }
            }
        }
    }

    /// Lengths around the three-way block boundaries (3 × 256 and 3 × 8192 bytes) and a few MiB.
    @Test func largeBuffersAgreeAcrossPaths() {
        let pool = Self.randomBytes(3 * 1024 * 1024 + 64, seed: 2)
        let lengths = [767, 768, 769, 24_575, 24_576, 24_577, 24_576 + 768 + 7, 1_048_576, 3 * 1024 * 1024 + 3]
        pool.withUnsafeBytes { raw in
            for length in lengths {
                for offset in [0, 1, 5] {
                    let slice = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + length])
                    let software = kafka_crc32c_software(0, slice.baseAddress, slice.count)
                    if length < 30_000 {
                        #expect(software == Self.reference(slice), "reference length \(length)")
                    }
                    for (name, implementation) in Self.implementations {
                        #expect(
                            implementation(0, slice.baseAddress, slice.count) == software,
                            "\(name) length \(length) offset \(offset)")
                    }
                }
            }
        }
    }

    /// Feeding the running value back in gives the CRC of the concatenation.
    @Test func incrementalEqualsOneShot() {
        let bytes = Self.randomBytes(100_000, seed: 3)
        for (name, implementation) in Self.implementations {
            let whole = Self.crc(implementation, bytes)
            for split in [0, 1, 7, 768, 24_577, 50_000, 99_999, 100_000] {
                let first = Self.crc(implementation, Array(bytes[..<split]))
                let both = Self.crc(implementation, Array(bytes[split...]), seed: first)
                #expect(both == whole, "\(name) split at \(split)")
            }
            var running: UInt32 = 0
            var start = 0
            for chunk in [3, 1000, 9000, 25_000, 64_997] {
                running = Self.crc(implementation, Array(bytes[start..<start + chunk]), seed: running)
                start += chunk
            }
            #expect(start == bytes.count && running == whole, "\(name) in five pieces")
        }
    }

    @Test func emptyInputKeepsTheRunningValue() {
        for (name, implementation) in Self.implementations {
            #expect(implementation(0, nil, 0) == 0, "\(name)")
            #expect(implementation(0xE306_9283, nil, 0) == 0xE306_9283, "\(name)")
        }
    }
}
