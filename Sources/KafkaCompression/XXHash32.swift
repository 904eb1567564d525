/// xxHash32, needed only to recompute the LZ4 frame-descriptor checksum byte (liblz4 keeps its copy private).
enum XXHash32 {
    private static let prime1: UInt32 = 0x9E37_79B1
    private static let prime2: UInt32 = 0x85EB_CA77
    private static let prime3: UInt32 = 0xC2B2_AE3D
    private static let prime4: UInt32 = 0x27D4_EB2F
    private static let prime5: UInt32 = 0x1656_67B1

    static func hash<Bytes: Collection<UInt8>>(_ bytes: Bytes, seed: UInt32 = 0) -> UInt32 {
        let data = Array(bytes)
        var index = 0
        var hash: UInt32
        if data.count >= 16 {
            var lanes = (seed &+ prime1 &+ prime2, seed &+ prime2, seed, seed &- prime1)
            while data.count - index >= 16 {
                lanes.0 = round(lanes.0, word(data, index))
                lanes.1 = round(lanes.1, word(data, index + 4))
                lanes.2 = round(lanes.2, word(data, index + 8))
                lanes.3 = round(lanes.3, word(data, index + 12))
                index += 16
            }
            hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        } else {
            hash = seed &+ prime5
        }
        hash &+= UInt32(truncatingIfNeeded: data.count)
        while data.count - index >= 4 {
            hash = rotate(hash &+ word(data, index) &* prime3, 17) &* prime4
            index += 4
        }
        while index < data.count {
            hash = rotate(hash &+ UInt32(data[index]) &* prime5, 11) &* prime1
            index += 1
        }
        hash ^= hash >> 15
        hash &*= prime2
        hash ^= hash >> 13
        hash &*= prime3
        hash ^= hash >> 16
        return hash
    }

    private static func round(_ lane: UInt32, _ input: UInt32) -> UInt32 {
        rotate(lane &+ input &* prime2, 13) &* prime1
    }

    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }

    private static func word(_ data: [UInt8], _ index: Int) -> UInt32 {
        UInt32(data[index]) | UInt32(data[index + 1]) << 8 | UInt32(data[index + 2]) << 16 | UInt32(data[index + 3]) << 24
    }
}
