import KafkaStorage
import NIOConcurrencyHelpers

/// The data path's state of one broker: producer ids and the per-partition writers. Found through the broker's
/// `TopicManager` (the one object every handler sees that is unique per broker), so tests that run several
/// brokers in one process keep them apart.
final class BrokerDataPath: Sendable {
    let producerIds = ProducerIdAllocator()
    private let writers = NIOLockedValueBox<[TopicPartition: PartitionWriter]>([:])

    /// The writer of `log`'s partition; a new one when the partition's log was replaced (topic deleted and
    /// created again), since the old producer state belongs to the old log.
    func writer(for log: PartitionLog) -> PartitionWriter {
        writers.withLockedValue { writers in
            if let existing = writers[log.topicPartition], existing.log === log { return existing }
            let writer = PartitionWriter(log: log, producerIds: producerIds)
            writers[log.topicPartition] = writer
            return writer
        }
    }

    // MARK: One per broker

    private final class Registration: Sendable {
        weak let manager: TopicManager?
        let dataPath: BrokerDataPath

        init(manager: TopicManager, dataPath: BrokerDataPath) {
            self.manager = manager
            self.dataPath = dataPath
        }
    }

    private static let registry = NIOLockedValueBox<[ObjectIdentifier: Registration]>([:])

    static func of(_ manager: TopicManager) -> BrokerDataPath {
        registry.withLockedValue { registry in
            let key = ObjectIdentifier(manager)
            if let found = registry[key], found.manager === manager { return found.dataPath }
            // Brokers that are gone leave registrations with a nil manager; drop them here.
            registry = registry.filter { $0.value.manager != nil }
            let dataPath = BrokerDataPath()
            registry[key] = Registration(manager: manager, dataPath: dataPath)
            return dataPath
        }
    }
}
