/// The Java client's key hashing (`Utils.murmur2`, `Utils.toPositive`, `BuiltInPartitioner.partitionForKey`), so
/// that a keyed record lands in the same partition whichever client produced it.

/// MurmurHash2, 32-bit, with Kafka's seed `0x9747b28c`; bit-identical to Java's `Utils.murmur2`.
///
/// Java computes on signed `int`s; two's-complement wrapping multiplication gives the same bits on `UInt32`, and
/// Java's `>>>` is the unsigned shift here.
public func murmur2(_ bytes: some Collection<UInt8>) -> Int32 {
    let m: UInt32 = 0x5bd1_e995
    let length = bytes.count
    var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)

    // Little-endian words of four bytes, then the zero to three bytes left over.
    var word: UInt32 = 0
    var filled = 0
    for byte in bytes {
        word |= UInt32(byte) << (8 * filled)
        filled += 1
        if filled == 4 {
            var k = word &* m
            k ^= k >> 24
            k = k &* m
            h = (h &* m) ^ k
            word = 0
            filled = 0
        }
    }
    // Java's fall-through switch XORs in bytes 2, 1 and 0 of the tail: the same as XORing the partial word.
    if filled > 0 {
        h ^= word
        h = h &* m
    }

    h ^= h >> 13
    h = h &* m
    h ^= h >> 15
    return Int32(bitPattern: h)
}

/// Java's `Utils.toPositive`: clears the sign bit (not `abs`, which would overflow on `Int32.min`).
public func toPositive(_ number: Int32) -> Int32 {
    number & 0x7fff_ffff
}

/// The partition the Java producer picks for a non-null key: `toPositive(murmur2(key)) % partitionCount`.
public func keyedPartition(key: some Collection<UInt8>, partitionCount: Int32) -> Int32 {
    precondition(partitionCount > 0, "a topic has at least one partition")
    return toPositive(murmur2(key)) % partitionCount
}
