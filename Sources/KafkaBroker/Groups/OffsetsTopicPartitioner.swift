/// Which `__consumer_offsets` partition holds a group, computed exactly as Kafka does:
/// `Utils.abs(groupId.hashCode()) % partitionCount`, where `Utils.abs` maps Integer.MIN_VALUE to 0 and is
/// `Math.abs` otherwise.
enum OffsetsTopicPartitioner {
    static func partition(for groupId: String, partitionCount: Int32) -> Int32 {
        let hash = javaStringHashCode(groupId)
        let positive = hash == Int32.min ? 0 : abs(hash)
        return positive % max(partitionCount, 1)
    }

    /// Java's `String.hashCode`: `s[0]*31^(n-1) + … + s[n-1]` over UTF-16 code units, in wrapping int32.
    static func javaStringHashCode(_ string: String) -> Int32 {
        var hash: Int32 = 0
        for unit in string.utf16 { hash = hash &* 31 &+ Int32(unit) }
        return hash
    }
}
