import NIOCore
import Testing

@testable import KafkaTools

@Suite struct UTF8RepairTests {
    @Test func asciiCheckLooksAtEveryByte() {
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if length > 0 { bytes[position] = 0xC3 }
                let isASCII = bytes.withUnsafeBytes(UTF8Repair.isASCII)
                #expect(isASCII == (length == 0), "length \(length), high byte at \(position)")
            }
        }
    }

    @Test func validUTF8IsKeptAsIs() {
        let line = ByteBuffer(string: "ключ→значение 🎉")
        #expect(UTF8Repair.repaired(line) == line)
    }

    /// Java decodes with replacement: each malformed sequence becomes U+FFFD (EF BF BD).
    @Test func invalidBytesBecomeReplacementCharacters() {
        let line = ByteBuffer(bytes: [0x61, 0xFF, 0x62, 0xC3])
        #expect(Array(UTF8Repair.repaired(line).readableBytesView) == [0x61, 0xEF, 0xBF, 0xBD, 0x62, 0xEF, 0xBF, 0xBD])
    }
}
