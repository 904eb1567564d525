import KafkaCLISupport
import KafkaClient

/// The iteration order of Java's `HashMap`/`HashSet` for keys whose `hashCode()` we can compute. Apache's tool
/// prints reset plans, exported CSV, deletion results and some option lists straight out of such collections, so
/// matching its output means reproducing that order: by bucket of the final table, then by insertion.
enum JavaHashOrder {
    /// `items` (distinct, in insertion order) as a default-capacity HashMap iterates them.
    static func ordered<Item>(_ items: [Item], hash: (Item) -> Int32) -> [Item] {
        let capacity = tableLength(count: items.count)
        return items.enumerated()
            .map { (bucket: Int(spread(hash($0.element))) & (capacity - 1), index: $0.offset, item: $0.element) }
            .sorted { ($0.bucket, $0.index) < ($1.bucket, $1.index) }
            .map(\.item)
    }

    static func orderedStrings(_ keys: [String]) -> [String] {
        ordered(keys, hash: JavaHashMapOrder.javaHashCode)
    }

    static func orderedPartitions(_ partitions: [TopicPartition]) -> [TopicPartition] {
        ordered(partitions, hash: topicPartitionHash)
    }

    /// `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()`.
    static func topicPartitionHash(_ partition: TopicPartition) -> Int32 {
        Int32(31) &* (Int32(31) &+ partition.partition) &+ JavaHashMapOrder.javaHashCode(partition.topic)
    }

    /// jopt's `OptionSpec.hashCode()` is its list of names' hash: `31 + name.hashCode()` for one name.
    static func optionSpecHash(_ name: String) -> Int32 {
        Int32(31) &+ JavaHashMapOrder.javaHashCode(name)
    }

    /// `HashMap.hash`: the high half folded into the low half.
    private static func spread(_ hash: Int32) -> UInt32 {
        let bits = UInt32(bitPattern: hash)
        return bits ^ (bits >> 16)
    }

    /// The table length after `count` puts into `new HashMap<>()` (16, doubled past 0.75 load).
    private static func tableLength(count: Int) -> Int {
        var capacity = 16
        while count * 4 > capacity * 3 { capacity *= 2 }
        return capacity
    }
}
