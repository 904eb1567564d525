import NIOCore

// The broker stores produced batches as they arrived and only patches a few header fields in place. Base offset
// and partition leader epoch sit before the CRC'd region (which starts at attributes), so patching them keeps
// the CRC valid; max timestamp and the timestamp type bit are inside it, so that patch recomputes the CRC.
extension ByteBuffer {
    /// Sets the base offset of the v2 batch starting at absolute `index`. The CRC stays valid.
    @inlinable
    public mutating func setRecordBatchBaseOffset(_ baseOffset: Int64, batchAt index: Int) throws {
        try checkRecordBatchHeader(at: index)
        setInteger(baseOffset, at: index + RecordBatchHeader.baseOffsetOffset)
    }

    /// Sets the partition leader epoch of the v2 batch starting at absolute `index`. The CRC stays valid.
    @inlinable
    public mutating func setRecordBatchPartitionLeaderEpoch(_ epoch: Int32, batchAt index: Int) throws {
        try checkRecordBatchHeader(at: index)
        setInteger(epoch, at: index + RecordBatchHeader.partitionLeaderEpochOffset)
    }

    /// Sets the max timestamp and the timestamp type of the v2 batch starting at absolute `index` and recomputes
    /// its CRC, as the broker does for topics with `message.timestamp.type=LogAppendTime`. Does nothing (and keeps
    /// the stored CRC, valid or not) when both already hold these values.
    @inlinable
    public mutating func setRecordBatchMaxTimestamp(
        _ maxTimestamp: Int64, timestampType: TimestampType, batchAt index: Int
    ) throws {
        let header = try RecordBatchHeader(parsing: self, at: index)
        try checkRecordBatchHeader(header, at: index)
        guard timestampType != .noTimestamp else {
            throw KafkaProtocolError.invalidValue(
                what: "timestamp type", detail: "a v2 batch is either CreateTime or LogAppendTime")
        }
        guard header.maxTimestamp != maxTimestamp || header.timestampType != timestampType else { return }
        var attributes = header.attributes
        attributes.timestampType = timestampType
        setInteger(attributes.rawValue, at: index + RecordBatchHeader.attributesOffset)
        setInteger(maxTimestamp, at: index + RecordBatchHeader.maxTimestampOffset)
        try updateRecordBatchCRC(batchAt: index)
    }

    /// Recomputes and stores the CRC of the v2 batch starting at absolute `index`.
    @inlinable
    public mutating func updateRecordBatchCRC(batchAt index: Int) throws {
        let header = try RecordBatchHeader(parsing: self, at: index)
        try checkRecordBatchHeader(header, at: index)
        let start = index + RecordBatchHeader.attributesOffset
        guard let crc = kafkaCRC32C(at: start, length: header.sizeInBytes - RecordBatchHeader.attributesOffset)
        else {
            throw KafkaProtocolError.truncated(
                what: "record batch", needed: header.sizeInBytes, available: writerIndex - index)
        }
        setInteger(crc, at: index + RecordBatchHeader.crcOffset)
    }

    @inlinable
    func checkRecordBatchHeader(at index: Int) throws {
        try checkRecordBatchHeader(RecordBatchHeader(parsing: self, at: index), at: index)
    }

    /// Refuses to patch anything that is not a whole v2 batch in this buffer: a patch at the wrong place would
    /// silently corrupt stored data.
    @inlinable
    func checkRecordBatchHeader(_ header: RecordBatchHeader, at index: Int) throws {
        guard header.magic == RecordBatchHeader.magic else { throw RecordBatchError.unsupportedMagic(header.magic) }
        guard header.sizeInBytes >= RecordBatchHeader.size else {
            throw RecordBatchError.invalidSize(what: "batch length", value: Int(header.batchLength))
        }
        guard writerIndex - index >= header.sizeInBytes else {
            throw KafkaProtocolError.truncated(
                what: "record batch", needed: header.sizeInBytes, available: writerIndex - index)
        }
    }
}
