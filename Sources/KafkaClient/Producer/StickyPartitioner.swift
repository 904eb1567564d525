import NIOCore

/// The Java client's built-in partitioner: keyed records go to `toPositive(murmur2(key)) % partitions`;
/// unkeyed ones stick to one partition until `batch.size` bytes went there, then move to another partition
/// with a leader (KIP-480 / KIP-794, without the adaptive queue-size weighting).
struct StickyPartitioner {
    /// A topic's current sticky partition and the bytes sent to it so far.
    struct Sticky {
        var partition: Int32
        var bytes: Int
    }

    private var sticky: [String: Sticky] = [:]
    private var generator = SystemRandomNumberGenerator()

    mutating func partition(
        for record: ProducerRecord, partitionCount: Int32, available: [Int32], batchSize: Int, ignoreKeys: Bool
    ) -> Int32 {
        var state = sticky[record.topic]
        let choice = partition(
            for: record, sticky: &state, partitionCount: partitionCount, available: available, batchSize: batchSize,
            ignoreKeys: ignoreKeys)
        if let state { sticky[record.topic] = state }
        return choice
    }

    /// The same choice with the topic's sticky state held by the caller, which appends a run of records of one
    /// topic: one dictionary lookup per run instead of two per record. `state` comes from `sticky(for:)` and goes
    /// back with `setSticky(_:for:)`.
    mutating func partition(
        for record: ProducerRecord, sticky state: inout Sticky?, partitionCount: Int32, available: [Int32],
        batchSize: Int, ignoreKeys: Bool
    ) -> Int32 {
        if let explicit = record.partition { return explicit }
        if !ignoreKeys, let key = record.key {
            return key.withUnsafeReadableBytes { keyedPartition(key: $0, partitionCount: partitionCount) }
        }
        let size = record.estimatedSize
        if var current = state, current.partition < partitionCount {
            if current.bytes < max(batchSize, 1) {
                current.bytes += size
                state = current
                return current.partition
            }
        }
        let choice = next(partitionCount: partitionCount, available: available, avoiding: state?.partition)
        state = Sticky(partition: choice, bytes: size)
        return choice
    }

    func sticky(for topic: String) -> Sticky? { sticky[topic] }

    mutating func setSticky(_ state: Sticky?, for topic: String) {
        if let state { sticky[topic] = state }
    }

    private mutating func next(partitionCount: Int32, available: [Int32], avoiding previous: Int32?) -> Int32 {
        var candidates = available.isEmpty ? Array(0..<partitionCount) : available
        if candidates.count > 1, let previous { candidates.removeAll { $0 == previous } }
        return candidates.randomElement(using: &generator) ?? 0
    }
}
