import NIOCore

/// The Java client's built-in partitioner: keyed records go to `toPositive(murmur2(key)) % partitions`;
/// unkeyed ones stick to one partition until `batch.size` bytes went there, then move to another partition
/// with a leader (KIP-480 / KIP-794, without the adaptive queue-size weighting).
struct StickyPartitioner {
    private var sticky: [String: (partition: Int32, bytes: Int)] = [:]
    private var generator = SystemRandomNumberGenerator()

    mutating func partition(
        for record: ProducerRecord, partitionCount: Int32, available: [Int32], batchSize: Int, ignoreKeys: Bool
    ) -> Int32 {
        if let explicit = record.partition { return explicit }
        if !ignoreKeys, let key = record.key {
            return key.withUnsafeReadableBytes { keyedPartition(key: $0, partitionCount: partitionCount) }
        }
        let size = record.estimatedSize
        if var current = sticky[record.topic], current.partition < partitionCount {
            if current.bytes < max(batchSize, 1) {
                current.bytes += size
                sticky[record.topic] = current
                return current.partition
            }
        }
        let previous = sticky[record.topic]?.partition
        let choice = next(partitionCount: partitionCount, available: available, avoiding: previous)
        sticky[record.topic] = (choice, size)
        return choice
    }

    private mutating func next(partitionCount: Int32, available: [Int32], avoiding previous: Int32?) -> Int32 {
        var candidates = available.isEmpty ? Array(0..<partitionCount) : available
        if candidates.count > 1, let previous { candidates.removeAll { $0 == previous } }
        return candidates.randomElement(using: &generator) ?? 0
    }
}
