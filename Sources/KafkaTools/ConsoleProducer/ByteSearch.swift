#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes. UTF-8 is self-synchronising, so a byte match of valid UTF-8 text is exactly a
/// match of Java's `String.indexOf`, without the canonical-equivalence matching that Swift's `String` would add.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`; an empty needle is found
    /// at `start`, as `indexOf("", start)` is.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var candidate = start
        let last = haystack.count - needle.count
        while candidate <= last {
            if haystack[candidate] == first && haystack[candidate..<(candidate + needle.count)].elementsEqual(needle) {
                return candidate
            }
            candidate += 1
        }
        return nil
    }

    /// Every non-overlapping occurrence of a non-empty `needle`, left to right.
    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        while let found = firstIndex(of: needle, in: haystack, from: start) {
            result.append(found..<(found + needle.count))
            start = found + needle.count
        }
        return result
    }

    /// `firstIndex(of:in:from:)` over raw bytes for a non-empty `needle`: `memchr` finds each candidate first byte
    /// (glibc's `memmem` is not visible to Swift without `_GNU_SOURCE`).
    static func firstIndex(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from start: Int)
        -> Int?
    {
        guard let needleBase = needle.baseAddress, let base = haystack.baseAddress,
            haystack.count >= needle.count, start <= haystack.count - needle.count
        else { return nil }
        let first = Int32(needle[0])
        let last = haystack.count - needle.count
        var candidate = start
        while candidate <= last, let found = memchr(base + candidate, first, last - candidate + 1) {
            candidate = base.distance(to: UnsafeRawPointer(found))
            if needle.count == 1 || memcmp(base + candidate, needleBase, needle.count) == 0 { return candidate }
            candidate += 1
        }
        return nil
    }
}
