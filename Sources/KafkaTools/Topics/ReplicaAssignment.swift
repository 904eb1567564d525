import KafkaCLISupport

/// `--replica-assignment 1:2,2:3`: partition lists separated by `,`, broker ids by `:`
/// (`TopicCommand.parseReplicaAssignment`).
enum ReplicaAssignment {
    struct Invalid: Error, Hashable, CustomStringConvertible {
        let description: String
    }

    /// Replica lists by partition, in partition order; Apache's message for a bad number, a broker listed twice
    /// in one partition, or partitions of different sizes.
    static func parse(_ text: String) throws(Invalid) -> [[Int32]] {
        var partitions: [[Int32]] = []
        for (index, list) in JavaText.split(text, on: ",").enumerated() {
            var brokers: [Int32] = []
            for item in JavaText.split(list, on: ":") {
                switch JavaText.parseInt(JavaText.trim(item)) {
                case .success(let broker): brokers.append(broker)
                case .failure(let error): throw Invalid(description: error.description)
                }
            }
            let duplicates = Self.duplicates(brokers)
            if !duplicates.isEmpty {
                throw Invalid(
                    description: "Partition replica lists may not contain duplicate entries: "
                        + duplicates.map(String.init).joined(separator: ","))
            }
            partitions.append(brokers)
            if brokers.count != partitions[0].count {
                throw Invalid(
                    description: "Partition \(index) has different replication factor: \(JavaText.list(brokers))")
            }
        }
        return partitions
    }

    /// `ToolsUtils.duplicates`, whose HashSet of small integers iterates in ascending order.
    private static func duplicates(_ brokers: [Int32]) -> [Int32] {
        var seen = Set<Int32>()
        var repeated = Set<Int32>()
        for broker in brokers where !seen.insert(broker).inserted { repeated.insert(broker) }
        return repeated.sorted()
    }
}
