import KafkaProtocol
import KafkaStorage

/// Rebuilds a partition's producer state from its log: only the batch headers are read (producer id, epoch,
/// sequences, offsets), never the records, so this is Kafka's log replay without its snapshot files.
enum ProducerStateReplay {
    /// Bytes read per step; a larger batch is still read whole.
    static let chunkBytes = 4 << 20

    static func rebuild(from log: PartitionLog, allocator: ProducerIdAllocator) async throws -> PartitionProducerState {
        var state = PartitionProducerState()
        var offset = await log.logStartOffset
        while offset < (await log.logEndOffset) {
            let read = try await log.read(from: offset, maxBytes: chunkBytes, minOneBatch: true)
            var reader = RecordBatchReader(read.records)
            var advanced = false
            while let entry = try reader.next() {
                guard case .batch(let batch) = entry else { continue }
                let header = batch.header
                if header.hasProducerId && !header.isControl {
                    state.record(header, firstOffset: header.baseOffset)
                    allocator.observe(header.producerId)
                }
                if header.nextOffset > offset {
                    offset = header.nextOffset
                    advanced = true
                }
            }
            // An empty read below the log end (a gap no batch covers) must not loop forever.
            if !advanced { break }
        }
        return state
    }
}
