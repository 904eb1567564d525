import Crypto

/// The PKCS#12 key derivation function of RFC 7292 appendix B.2. Only the MAC key (ID 3) is derived with it here:
/// the legacy ciphers that used IDs 1 and 2 are refused, and PBES2 uses PBKDF2 instead.
enum PKCS12KeyDerivation {
    static let macKeyID: UInt8 = 3

    /// The password as the KDF takes it: a BMPString (UTF-16BE) with two trailing zero bytes.
    static func bmpPassword(_ password: String) -> [UInt8] {
        password.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } + [0, 0]
    }

    /// `count` bytes of key material for `id`, from a BMP password, a salt and an iteration count (at least 1).
    static func derive<H: HashFunction>(
        _: H.Type, id: UInt8, password: [UInt8], salt: [UInt8], iterations: Int, count: Int
    ) -> [UInt8] {
        let u = H.Digest.byteCount
        let v = H.blockByteCount
        let diversifier = [UInt8](repeating: id, count: v)
        // S and P: salt and password each repeated to a whole number of v-byte blocks (empty stays empty).
        var input = repeated(salt, toMultipleOf: v) + repeated(password, toMultipleOf: v)
        var output: [UInt8] = []
        output.reserveCapacity(count + u)
        while true {
            var block = Array(H.hash(data: diversifier + input))
            for _ in 1..<max(iterations, 1) { block = Array(H.hash(data: block)) }
            output += block
            if output.count >= count { return Array(output.prefix(count)) }
            // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I, B being A repeated to v bytes.
            let b = (0..<v).map { block[$0 % u] }
            for start in stride(from: 0, to: input.count, by: v) {
                var carry: UInt16 = 1
                for k in (0..<v).reversed() {
                    let sum = UInt16(input[start + k]) + UInt16(b[k]) + carry
                    input[start + k] = UInt8(truncatingIfNeeded: sum)
                    carry = sum >> 8
                }
            }
        }
    }

    private static func repeated(_ bytes: [UInt8], toMultipleOf v: Int) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        let length = v * ((bytes.count + v - 1) / v)
        return (0..<length).map { bytes[$0 % bytes.count] }
    }
}
