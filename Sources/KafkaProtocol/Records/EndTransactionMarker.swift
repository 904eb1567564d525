import NIOCore

/// The control record a transaction coordinator has written at the end of a transaction, in each partition it
/// touched: key `(version, ABORT|COMMIT)`, value `version int16, coordinatorEpoch int32`.
public struct EndTransactionMarker: Hashable, Sendable {
    public static let currentVersion: Int16 = 0

    /// `.commit` or `.abort`.
    public var type: ControlRecordType
    public var coordinatorEpoch: Int32
    public var version: Int16

    public init(type: ControlRecordType, coordinatorEpoch: Int32, version: Int16 = EndTransactionMarker.currentVersion)
    {
        self.type = type
        self.coordinatorEpoch = coordinatorEpoch
        self.version = version
    }

    public var isCommit: Bool { type == .commit }

    /// Reads a marker from a control record's key and value. Throws for other control types (check the key's
    /// type first when a batch may hold KRaft control records).
    public init(key: ByteBuffer?, value: ByteBuffer?) throws {
        guard let key, let value else {
            throw RecordBatchError.corruptRecord("end transaction marker without key or value")
        }
        let controlKey = try ControlRecordKey(from: key)
        guard controlKey.type == .commit || controlKey.type == .abort else {
            throw RecordBatchError.corruptRecord("control record type \(controlKey.type.rawValue) is not a marker")
        }
        var reader = value
        let version = try reader.readKafkaInt16()
        guard version >= 0 else { throw RecordBatchError.corruptRecord("end transaction marker version \(version)") }
        // As with the key, newer versions may only append fields.
        self.init(type: controlKey.type, coordinatorEpoch: try reader.readKafkaInt32(), version: version)
    }

    /// Reads the marker of a record from a control batch.
    public init(_ record: Record) throws {
        try self.init(key: record.key, value: record.value)
    }

    public var key: ByteBuffer { ControlRecordKey(type: type).encoded }

    public var value: ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(version)
        buffer.writeInteger(coordinatorEpoch)
        return buffer
    }

    /// The control batch a coordinator writes: transactional and control, no sequence, one record at offset delta
    /// 0 with this marker, timestamped `timestamp`.
    public func batch(
        producerId: Int64, producerEpoch: Int16, timestamp: Int64, baseOffset: Int64 = 0,
        partitionLeaderEpoch: Int32 = -1
    ) throws -> RecordBatch {
        let header = RecordBatchHeader(
            baseOffset: baseOffset, partitionLeaderEpoch: partitionLeaderEpoch,
            attributes: RecordBatchAttributes(isTransactional: true, isControl: true), lastOffsetDelta: 0,
            baseTimestamp: timestamp, maxTimestamp: timestamp, producerId: producerId, producerEpoch: producerEpoch,
            baseSequence: -1)
        return try RecordBatch.encode(header: header, records: [Record(offsetDelta: 0, key: key, value: value)])
    }
}
