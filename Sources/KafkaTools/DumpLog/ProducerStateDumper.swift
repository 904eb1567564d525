import KafkaProtocol
import KafkaStorage
import NIOCore

/// `.snapshot` (producer state) and `.txnindex` (aborted transactions) files, in Kafka's layouts, printed with
/// Apache's lines.
struct ProducerStateDumper {
    /// A producer-state snapshot: int16 version (1), uint32 CRC-32C of everything after it, int32 count, then per
    /// producer: id int64, epoch int16, last sequence int32, last offset int64, offset delta int32, timestamp int64,
    /// coordinator epoch int32, current transaction's first offset int64 (-1 for none).
    func dumpSnapshot(file: any StorageFile, output: DumpOutput) throws {
        let size = try file.size()
        var bytes = try file.read(at: 0, length: Int(size), allocator: ByteBufferAllocator())
        guard let version = bytes.readInteger(as: Int16.self), let crc = bytes.readInteger(as: UInt32.self) else {
            throw DumpLogError("Snapshot file is too short: \(size) bytes")
        }
        guard version == 1 else { throw DumpLogError("Snapshot contained an unknown file version \(version)") }
        let computed = bytes.kafkaCRC32C(at: bytes.readerIndex, length: bytes.readableBytes) ?? 0
        guard computed == crc else {
            throw DumpLogError("Snapshot is corrupt (CRC is no longer valid). Stored crc: \(crc). Computed crc: \(computed)")
        }
        guard let count = bytes.readInteger(as: Int32.self), count >= 0 else {
            throw DumpLogError("Snapshot has an invalid producer count")
        }
        for _ in 0..<count {
            guard let producerId = bytes.readInteger(as: Int64.self), let epoch = bytes.readInteger(as: Int16.self),
                let lastSequence = bytes.readInteger(as: Int32.self), let lastOffset = bytes.readInteger(as: Int64.self),
                let offsetDelta = bytes.readInteger(as: Int32.self), let timestamp = bytes.readInteger(as: Int64.self),
                let coordinatorEpoch = bytes.readInteger(as: Int32.self),
                let firstOffset = bytes.readInteger(as: Int64.self)
            else { throw DumpLogError("Snapshot ends inside a producer entry") }
            let currentTxn = firstOffset >= 0 ? "OptionalLong[\(firstOffset)]" : "OptionalLong.empty"
            var line =
                "producerId: \(producerId) producerEpoch: \(epoch) coordinatorEpoch: \(coordinatorEpoch)"
                + " currentTxnFirstOffset: \(currentTxn) lastTimestamp: \(timestamp)"
            // An entry with a sequence carries its last batch's metadata.
            if lastSequence >= 0 {
                line += " firstSequence: \(Self.decrement(lastSequence, by: offsetDelta)) lastSequence: \(lastSequence)"
                    + " lastOffset: \(lastOffset) offsetDelta: \(offsetDelta) timestamp: \(timestamp)"
            }
            output.line(line)
        }
    }

    /// A transaction index: 34-byte entries of int16 version, producer id, first offset, last offset and last
    /// stable offset (int64s).
    func dumpTransactionIndex(file: any StorageFile, output: DumpOutput) throws {
        let size = try file.size()
        var bytes = try file.read(at: 0, length: Int(size), allocator: ByteBufferAllocator())
        while bytes.readableBytes >= 34 {
            guard let version = bytes.readInteger(as: Int16.self), let producerId = bytes.readInteger(as: Int64.self),
                let first = bytes.readInteger(as: Int64.self), let last = bytes.readInteger(as: Int64.self),
                let lastStable = bytes.readInteger(as: Int64.self)
            else { break }
            output.line(
                "version: \(version) producerId: \(producerId) firstOffset: \(first) lastOffset: \(last)"
                    + " lastStableOffset: \(lastStable)")
        }
        if bytes.readableBytes > 0 {
            throw DumpLogError("Transaction index ends with \(bytes.readableBytes) bytes that are not a whole entry")
        }
    }

    /// Kafka's `DefaultRecordBatch.decrementSequence`: sequences wrap from 0 back to Int32.max.
    static func decrement(_ sequence: Int32, by amount: Int32) -> Int32 {
        sequence < amount ? Int32.max - (amount - sequence) + 1 : sequence - amount
    }
}
