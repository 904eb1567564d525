import KafkaStorage

extension PartitionLog {
    /// The leader epoch the record at `offset` was written in (the last epoch starting at or before it), -1 when
    /// the cache knows none.
    func leaderEpoch(at offset: Int64) -> Int32 {
        var found: Int32 = -1
        for entry in leaderEpochs {
            guard entry.startOffset <= offset else { break }
            found = entry.epoch
        }
        return found
    }
}
