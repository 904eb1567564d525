import KafkaCLISupport
import KafkaProtocol
import NIOCore

/// `--offsets-decoder` and `--transaction-log-decoder`: the key and value of a `__consumer_offsets` or
/// `__transaction_state` record as Apache's generated JSON converters write them (schema field order, fields of
/// the record's version only, tagged fields only when not at their default, bytes as base64), wrapped as
/// `{"type":"<record type>","data":…}` and `{"version":"<n>","data":…}`; a tombstone's value is `<DELETE>`.
enum CoordinatorRecordJSON {
    enum Topic {
        case consumerOffsets
        case transactionState
    }

    /// The key and payload texts for one record: (key, payload), either possibly nil.
    static func describe(key: ByteBuffer?, value: ByteBuffer?, offset: Int64, topic: Topic) -> (String?, String?) {
        guard var keyBytes = key else {
            return (
                "Error at offset \(offset), skipping. Failed to decode message at offset \(offset) using the "
                    + "specified decoder (message had a missing key)", nil
            )
        }
        do {
            let type = try keyBytes.readKafkaInt16()
            let keyJSON: JSONValue
            switch (topic, type) {
            case (.consumerOffsets, 0), (.consumerOffsets, 1):
                keyJSON = offsetCommitKey(try OffsetCommitKey(from: &keyBytes, version: type))
            case (.consumerOffsets, 2):
                keyJSON = .object([("group", .string(try GroupMetadataKey(from: &keyBytes, version: 2).group))])
            case (.transactionState, 0):
                let key = try TransactionLogKey(from: &keyBytes, version: 0)
                keyJSON = .object([("transactionalId", .string(key.transactionalId))])
            default:
                return ("Unknown record type \(type) at offset \(offset), skipping.", nil)
            }
            let keyText = JSONValue.object([("type", .string(String(type))), ("data", keyJSON)]).rendered
            guard var valueBytes = value else { return (keyText, "<DELETE>") }
            let version = try valueBytes.readKafkaInt16()
            let valueJSON: JSONValue
            switch (topic, type) {
            case (.consumerOffsets, 2):
                valueJSON = groupMetadataValue(try GroupMetadataValue(from: &valueBytes, version: version), version)
            case (.consumerOffsets, _):
                valueJSON = offsetCommitValue(try OffsetCommitValue(from: &valueBytes, version: version), version)
            case (.transactionState, _):
                valueJSON = transactionLogValue(try TransactionLogValue(from: &valueBytes, version: version), version)
            }
            return (keyText, JSONValue.object([("version", .string(String(version))), ("data", valueJSON)]).rendered)
        } catch {
            return ("Error at offset \(offset), skipping. \(error)", nil)
        }
    }

    static func offsetCommitKey(_ key: OffsetCommitKey) -> JSONValue {
        .object([("group", .string(key.group)), ("topic", .string(key.topic)), ("partition", int(key.partition))])
    }

    static func offsetCommitValue(_ value: OffsetCommitValue, _ version: Int16) -> JSONValue {
        var fields: [(String, JSONValue)] = [("offset", .integer(value.offset))]
        if version >= 3 { fields.append(("leaderEpoch", int(value.leaderEpoch))) }
        fields.append(("metadata", .string(value.metadata)))
        fields.append(("commitTimestamp", .integer(value.commitTimestamp)))
        if version == 1 { fields.append(("expireTimestamp", .integer(value.expireTimestamp))) }
        if version >= 4 && value.topicId != .zero { fields.append(("topicId", .string(value.topicId.base64))) }
        return .object(fields)
    }

    static func groupMetadataValue(_ value: GroupMetadataValue, _ version: Int16) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("protocolType", .string(value.protocolType)), ("generation", int(value.generation)),
            ("protocol", .optional(value.protocol)), ("leader", .optional(value.leader)),
        ]
        if version >= 2 { fields.append(("currentStateTimestamp", .integer(value.currentStateTimestamp))) }
        let consumer = value.protocolType == "consumer"
        fields.append(
            (
                "members",
                .array(
                    value.members.map { member in
                        var memberFields: [(String, JSONValue)] = [("memberId", .string(member.memberId))]
                        if version >= 3 { memberFields.append(("groupInstanceId", .optional(member.groupInstanceId))) }
                        memberFields.append(("clientId", .string(member.clientId)))
                        memberFields.append(("clientHost", .string(member.clientHost)))
                        if version >= 1 { memberFields.append(("rebalanceTimeout", int(member.rebalanceTimeout))) }
                        memberFields.append(("sessionTimeout", int(member.sessionTimeout)))
                        // Apache shows a consumer group's protocol bytes decoded, and keeps the bytes otherwise.
                        memberFields.append(
                            ("subscription", consumer ? subscription(member.subscription) : base64(member.subscription)))
                        memberFields.append(
                            ("assignment", consumer ? assignment(member.assignment) : base64(member.assignment)))
                        return .object(memberFields)
                    })
            ))
        return .object(fields)
    }

    static func subscription(_ bytes: ByteBuffer) -> JSONValue {
        var buffer = bytes
        guard let version = try? buffer.readKafkaInt16(),
            let decoded = try? ConsumerProtocolSubscription(
                from: &buffer, version: min(version, ConsumerProtocolSubscription.versions.upperBound))
        else { return base64(bytes) }
        var fields: [(String, JSONValue)] = [
            ("topics", .array(decoded.topics.map { .string($0) })),
            ("userData", decoded.userData.map(base64) ?? .null),
        ]
        if version >= 1 {
            fields.append(
                (
                    "ownedPartitions",
                    .array(
                        decoded.ownedPartitions.map {
                            .object([("topic", .string($0.topic)), ("partitions", .integers($0.partitions))])
                        })
                ))
        }
        if version >= 2 { fields.append(("generationId", int(decoded.generationId))) }
        if version >= 3 { fields.append(("rackId", .optional(decoded.rackId))) }
        return .object(fields)
    }

    static func assignment(_ bytes: ByteBuffer) -> JSONValue {
        var buffer = bytes
        guard let version = try? buffer.readKafkaInt16(),
            let decoded = try? ConsumerProtocolAssignment(
                from: &buffer, version: min(version, ConsumerProtocolAssignment.versions.upperBound))
        else { return base64(bytes) }
        return .object([
            (
                "assignedPartitions",
                .array(
                    decoded.assignedPartitions.map {
                        .object([("topic", .string($0.topic)), ("partitions", .integers($0.partitions))])
                    })
            ),
            ("userData", decoded.userData.map(base64) ?? .null),
        ])
    }

    static func transactionLogValue(_ value: TransactionLogValue, _ version: Int16) -> JSONValue {
        var fields: [(String, JSONValue)] = [("producerId", .integer(value.producerId))]
        if version >= 1 && value.previousProducerId != -1 {
            fields.append(("previousProducerId", .integer(value.previousProducerId)))
        }
        if version >= 1 && value.nextProducerId != -1 { fields.append(("nextProducerId", .integer(value.nextProducerId))) }
        fields.append(("producerEpoch", int(value.producerEpoch)))
        if version >= 1 && value.nextProducerEpoch != -1 {
            fields.append(("nextProducerEpoch", int(value.nextProducerEpoch)))
        }
        fields.append(("transactionTimeoutMs", int(value.transactionTimeoutMs)))
        fields.append(("transactionStatus", int(value.transactionStatus)))
        fields.append(
            (
                "transactionPartitions",
                value.transactionPartitions.map { partitions in
                    .array(
                        partitions.map {
                            .object([("topic", .string($0.topic)), ("partitionIds", .integers($0.partitionIds))])
                        })
                } ?? .null
            ))
        fields.append(("transactionLastUpdateTimestampMs", .integer(value.transactionLastUpdateTimestampMs)))
        fields.append(("transactionStartTimestampMs", .integer(value.transactionStartTimestampMs)))
        if version >= 1 && value.clientTransactionVersion != 0 {
            fields.append(("clientTransactionVersion", int(value.clientTransactionVersion)))
        }
        return .object(fields)
    }

    private static func int<T: BinaryInteger>(_ value: T) -> JSONValue { .integer(Int64(value)) }

    /// Jackson writes bytes as standard base64 with padding.
    static func base64(_ bytes: ByteBuffer) -> JSONValue {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let input = Array(bytes.readableBytesView)
        var output: [UInt8] = []
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let chunk = input[index..<min(index + 3, input.count)]
            let b0 = chunk[chunk.startIndex]
            let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(chunk.count > 1 ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return .string(String(decoding: output, as: UTF8.self))
    }
}
