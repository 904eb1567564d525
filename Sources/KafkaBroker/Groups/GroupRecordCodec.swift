import KafkaProtocol
import KafkaStorage
import NIOCore

/// One record of `__consumer_offsets` as the coordinator reads it back.
enum GroupRecord: Sendable {
    /// nil offset: a tombstone (deleted or expired).
    case offsetCommit(groupId: String, TopicPartition, CommittedOffset?)
    /// nil value: the group was deleted or expired.
    case groupMetadata(groupId: String, GroupMetadataValue?)
}

/// Kafka's key/value layout of `__consumer_offsets`: each key and value starts with an int16 schema version;
/// key versions 0 and 1 are offset commits, 2 is group metadata. Written as Kafka 3.x/4.0 write them: key
/// version 1 with value version 3 (1 when an old client set a retention time), group metadata value version 3.
enum GroupRecordCodec {
    static let offsetCommitKeyVersion: Int16 = 1
    static let groupMetadataKeyVersion: Int16 = 2
    static let groupMetadataValueVersion: Int16 = 3

    struct Encoded: Sendable {
        var key: ByteBuffer
        var value: ByteBuffer?
    }

    static func offsetCommit(groupId: String, _ partition: TopicPartition, _ committed: CommittedOffset?) throws
        -> Encoded
    {
        var key = ByteBuffer()
        key.writeInteger(offsetCommitKeyVersion)
        try OffsetCommitKey(group: groupId, topic: partition.topic, partition: partition.partition)
            .write(into: &key, version: offsetCommitKeyVersion)
        guard let committed else { return Encoded(key: key, value: nil) }
        let version: Int16 = committed.expireTimestamp == nil ? 3 : 1
        var value = ByteBuffer()
        value.writeInteger(version)
        try OffsetCommitValue(
            offset: committed.offset, leaderEpoch: committed.leaderEpoch, metadata: committed.metadata,
            commitTimestamp: committed.commitTimestamp, expireTimestamp: committed.expireTimestamp ?? -1
        ).write(into: &value, version: version)
        return Encoded(key: key, value: value)
    }

    static func groupMetadata(groupId: String, _ metadata: GroupMetadataValue?) throws -> Encoded {
        var key = ByteBuffer()
        key.writeInteger(groupMetadataKeyVersion)
        try GroupMetadataKey(group: groupId).write(into: &key, version: groupMetadataKeyVersion)
        guard let metadata else { return Encoded(key: key, value: nil) }
        var value = ByteBuffer()
        value.writeInteger(groupMetadataValueVersion)
        try metadata.write(into: &value, version: groupMetadataValueVersion)
        return Encoded(key: key, value: value)
    }

    /// nil for keys of other kinds (Kafka 4's consumer-group records, types 3+), which a classic coordinator
    /// skips.
    static func decode(key: ByteBuffer?, value: ByteBuffer?) throws -> GroupRecord? {
        guard var key else { return nil }
        let keyVersion = try key.readKafkaInt16()
        switch keyVersion {
        case 0, 1:
            let parsed = try OffsetCommitKey(from: &key, version: keyVersion)
            let partition = TopicPartition(topic: parsed.topic, partition: parsed.partition)
            guard var value else { return .offsetCommit(groupId: parsed.group, partition, nil) }
            let valueVersion = try value.readKafkaInt16()
            // Values newer than we know only add tagged fields (KIP-915): read them as the newest we know.
            let decoded = try OffsetCommitValue(
                from: &value, version: min(valueVersion, OffsetCommitValue.versions.upperBound))
            let committed = CommittedOffset(
                offset: decoded.offset, leaderEpoch: decoded.leaderEpoch, metadata: decoded.metadata,
                commitTimestamp: decoded.commitTimestamp,
                expireTimestamp: valueVersion == 1 && decoded.expireTimestamp >= 0 ? decoded.expireTimestamp : nil)
            return .offsetCommit(groupId: parsed.group, partition, committed)
        case 2:
            let parsed = try GroupMetadataKey(from: &key, version: keyVersion)
            guard var value else { return .groupMetadata(groupId: parsed.group, nil) }
            let valueVersion = try value.readKafkaInt16()
            let decoded = try GroupMetadataValue(
                from: &value, version: min(valueVersion, GroupMetadataValue.versions.upperBound))
            return .groupMetadata(groupId: parsed.group, decoded)
        default:
            return nil
        }
    }
}
