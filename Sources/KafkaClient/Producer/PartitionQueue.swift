import KafkaProtocol

/// One partition's batches waiting to be sent, oldest first, and the next sequence number to give a batch.
struct PartitionQueue: Sendable {
    struct AppendOutcome {
        var createdBatch: Bool
        /// The batch that took the record reached `batch.size`.
        var full: Bool
        var batchCount: Int
    }

    var batches: [ProducerBatch] = []
    var nextSequence: Int32 = 0

    /// Appends to the newest batch, or to a new one when it is full or already sent once.
    mutating func append(
        _ record: ProducerRecord, size: Int, timestamp: Int64, completion: RecordCompletion?, batchSize: Int,
        newBatch: () -> ProducerBatch
    ) throws -> AppendOutcome {
        var created = false
        if let last = batches.last {
            let fits = last.builder.isEmpty || last.builder.uncompressedSizeInBytes + size <= batchSize
            if last.encoded != nil || !fits {
                batches.append(newBatch())
                created = true
            }
        } else {
            batches.append(newBatch())
            created = true
        }
        let index = batches.count - 1
        do {
            try batches[index].builder.append(
                key: record.key, value: record.value, headers: record.headers, timestamp: timestamp)
        } catch {
            if created { batches.removeLast() }
            throw error
        }
        batches[index].reservedBytes += size
        if let completion {
            let recordIndex = Int32(batches[index].recordCount - 1)
            batches[index].waiters.append(.init(index: recordIndex, timestamp: timestamp, completion: completion))
        }
        return AppendOutcome(
            createdBatch: created, full: batches[index].builder.uncompressedSizeInBytes >= batchSize,
            batchCount: batches.count)
    }
}
