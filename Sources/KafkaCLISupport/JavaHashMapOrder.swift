/// The order in which a `java.util.HashMap<String, _>` iterates its keys. Apache's tools print some collections
/// straight out of a HashMap (a topic's `Configs:` in `kafka-topics --describe`, the topics of a multi-topic
/// describe), so matching their output byte for byte means reproducing that order: by bucket of the final table,
/// then by insertion within a bucket (resizes split buckets without reordering them).
public enum JavaHashMapOrder {
    /// `keys` (distinct, in insertion order) as a HashMap created with `initialCapacity` (nil: `new HashMap<>()`)
    /// iterates them.
    public static func ordered(_ keys: [String], initialCapacity: Int? = nil) -> [String] {
        let capacity = finalCapacity(count: keys.count, initialCapacity: initialCapacity)
        return keys.enumerated()
            .map { (bucket: Int(spread(javaHashCode($0.element))) & (capacity - 1), index: $0.offset, key: $0.element) }
            .sorted { ($0.bucket, $0.index) < ($1.bucket, $1.index) }
            .map(\.key)
    }

    /// `String.hashCode()`: `s[0]*31^(n-1) + … + s[n-1]` over UTF-16 code units, in wrapping 32-bit arithmetic.
    public static func javaHashCode(_ text: String) -> Int32 {
        var hash: Int32 = 0
        for unit in text.utf16 { hash = hash &* 31 &+ Int32(unit) }
        return hash
    }

    /// `HashMap.hash`: the high half folded into the low half.
    static func spread(_ hash: Int32) -> UInt32 {
        let bits = UInt32(bitPattern: hash)
        return bits ^ (bits >> 16)
    }

    /// The table length after `count` puts, following `HashMap.resize()`: the first put allocates
    /// `tableSizeFor(initialCapacity)` (16 by default), and a put that takes the size past the threshold
    /// (0.75 of the length) doubles it.
    static func finalCapacity(count: Int, initialCapacity: Int?) -> Int {
        guard count > 0 else { return initialCapacity.map(tableSizeFor) ?? 16 }
        var capacity = initialCapacity.map(tableSizeFor) ?? 16
        var threshold = Int(Double(capacity) * 0.75)
        var size = 0
        for _ in 0..<count {
            size += 1
            if size > threshold {
                capacity *= 2
                threshold = capacity >= 32 ? threshold * 2 : Int(Double(capacity) * 0.75)
            }
        }
        return capacity
    }

    /// `HashMap.tableSizeFor`: the next power of two, at least 1.
    static func tableSizeFor(_ capacity: Int) -> Int {
        var size = 1
        while size < capacity { size *= 2 }
        return size
    }
}
