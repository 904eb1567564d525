import KafkaProtocol
import NIOCore

extension KafkaAdminClient {
    /// Every group on every broker (each broker lists the groups it coordinates), optionally filtered by state
    /// (ListGroups v4+) and type (v5+).
    public func listGroups(states: [String] = [], types: [String] = [], deadline: ContinuousClock.Instant? = nil)
        async throws -> [GroupListing]
    {
        let deadline = resolve(deadline)
        let metadata = try await cluster.refreshMetadata(topics: [], deadline: deadline)
        var result: [GroupListing] = []
        for node in metadata.brokers.keys.sorted() {
            var request = ListGroupsRequest()
            request.statesFilter = states
            request.typesFilter = types
            let connection = try await cluster.connection(toNode: node, deadline: deadline)
            let version = try connection.negotiatedVersion(ListGroupsRequest.self)
            if !types.isEmpty && version < 5 || !states.isEmpty && version < 4 {
                throw KafkaClientError.unsupportedApi(.listGroups, address: connection.address.description)
            }
            let response = try await cluster.send(request, version: version, on: connection, deadline: deadline)
            if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
            result += response.groups.map {
                GroupListing(groupId: $0.groupId, protocolType: $0.protocolType, state: $0.groupState, type: $0.groupType)
            }
        }
        return result.sorted { $0.groupId < $1.groupId }
    }

    /// Describes groups at their coordinators. Throws the first group's error.
    public func describeGroups(_ groupIds: [String], deadline: ContinuousClock.Instant? = nil) async throws
        -> [GroupDescription]
    {
        let deadline = resolve(deadline)
        var result: [GroupDescription] = []
        for groupId in groupIds {
            let coordinator = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
            var request = DescribeGroupsRequest()
            request.groups = [groupId]
            let response = try await cluster.send(request, to: .node(coordinator), deadline: deadline)
            guard let group = response.groups.first else {
                throw KafkaClientError.protocolViolation("DescribeGroups answered without the group \(groupId)")
            }
            if let error = KafkaBrokerError.check(group.errorCode, message: group.errorMessage) {
                throw KafkaClientError.broker(error)
            }
            let node = await cluster.metadata?.brokers[coordinator]
            result.append(
                GroupDescription(
                    groupId: group.groupId, state: group.groupState, protocolType: group.protocolType,
                    protocolName: group.protocolData, coordinator: node,
                    members: group.members.map { member in
                        GroupMemberDescription(
                            memberId: member.memberId, groupInstanceId: member.groupInstanceId,
                            clientId: member.clientId, host: member.clientHost,
                            assignment: group.protocolType == "consumer"
                                ? Self.decodeAssignment(member.memberAssignment) : [])
                    }))
        }
        return result
    }

    /// The partitions in a consumer-protocol assignment; empty when it cannot be read.
    static func decodeAssignment(_ bytes: ByteBuffer) -> [TopicPartition] {
        var buffer = bytes
        guard buffer.readableBytes >= 2, let version = try? buffer.readKafkaInt16(),
            let assignment = try? ConsumerProtocolAssignment(
                from: &buffer, version: min(max(version, 0), ConsumerProtocolAssignment.versions.upperBound))
        else { return [] }
        return assignment.assignedPartitions.flatMap { topic in
            topic.partitions.map { TopicPartition(topic: topic.topic, partition: $0) }
        }.sorted()
    }

    /// A group's committed offsets: all of them, or those of `partitions`.
    public func listGroupOffsets(
        _ groupId: String, partitions: [TopicPartition]? = nil, deadline: ContinuousClock.Instant? = nil
    ) async throws -> [TopicPartition: CommittedOffset] {
        let deadline = resolve(deadline)
        let coordinator = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
        let connection = try await cluster.connection(toNode: coordinator, deadline: deadline)
        // v10 names topics by id; v9 is the newest that names them.
        let version = try connection.negotiatedVersion(OffsetFetchRequest.self, maxVersion: 9)
        let byTopic = partitions.map { Dictionary(grouping: $0, by: \.topic).sorted { $0.key < $1.key } }
        var request = OffsetFetchRequest()
        if version >= 8 {
            request.groups = [
                OffsetFetchRequest.OffsetFetchRequestGroup(
                    groupId: groupId,
                    topics: byTopic?.map {
                        OffsetFetchRequest.OffsetFetchRequestTopics(name: $0.key, partitionIndexes: $0.value.map(\.partition))
                    })
            ]
        } else {
            request.groupId = groupId
            request.topics = byTopic?.map {
                OffsetFetchRequest.OffsetFetchRequestTopic(name: $0.key, partitionIndexes: $0.value.map(\.partition))
            }
        }
        let response = try await cluster.send(request, version: version, on: connection, deadline: deadline)
        var result: [TopicPartition: CommittedOffset] = [:]
        func add(_ topic: String, _ partition: Int32, _ offset: Int64, _ epoch: Int32, _ metadata: String?, _ code: Int16)
            throws
        {
            if let error = KafkaBrokerError.check(code), error.code != .unknownTopicOrPartition {
                throw KafkaClientError.broker(error)
            }
            guard offset >= 0 else { return }
            result[TopicPartition(topic: topic, partition: partition)] = CommittedOffset(
                offset: offset, leaderEpoch: epoch >= 0 ? epoch : nil, metadata: metadata ?? "")
        }
        if version >= 8 {
            guard let group = response.groups.first else { return [:] }
            if let error = KafkaBrokerError.check(group.errorCode) { throw KafkaClientError.broker(error) }
            for topic in group.topics {
                for p in topic.partitions {
                    try add(topic.name, p.partitionIndex, p.committedOffset, p.committedLeaderEpoch, p.metadata, p.errorCode)
                }
            }
        } else {
            if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
            for topic in response.topics {
                for p in topic.partitions {
                    try add(topic.name, p.partitionIndex, p.committedOffset, p.committedLeaderEpoch, p.metadata, p.errorCode)
                }
            }
        }
        return result
    }

    /// Commits offsets for a group without being a member (the reset-offsets path). Throws the first error.
    public func alterGroupOffsets(
        _ groupId: String, offsets: [TopicPartition: Int64], deadline: ContinuousClock.Instant? = nil
    ) async throws {
        let deadline = resolve(deadline)
        let coordinator = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
        var request = OffsetCommitRequest()
        request.groupId = groupId
        request.generationIdOrMemberEpoch = -1
        request.memberId = ""
        request.topics = Dictionary(grouping: offsets, by: \.key.topic).sorted { $0.key < $1.key }.map { topic, entries in
            OffsetCommitRequest.OffsetCommitRequestTopic(
                name: topic,
                partitions: entries.sorted { $0.key.partition < $1.key.partition }.map {
                    OffsetCommitRequest.OffsetCommitRequestPartition(
                        partitionIndex: $0.key.partition, committedOffset: $0.value, committedMetadata: "")
                })
        }
        let response = try await cluster.send(request, to: .node(coordinator), maxVersion: 9, deadline: deadline)
        for topic in response.topics {
            for partition in topic.partitions {
                if let error = KafkaBrokerError.check(partition.errorCode) { throw KafkaClientError.broker(error) }
            }
        }
    }

    /// Deletes groups at their coordinators; returns the failures by group.
    public func deleteGroups(_ groupIds: [String], deadline: ContinuousClock.Instant? = nil) async throws
        -> [String: KafkaBrokerError]
    {
        let deadline = resolve(deadline)
        var failures: [String: KafkaBrokerError] = [:]
        for groupId in groupIds {
            let coordinator = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
            var request = DeleteGroupsRequest()
            request.groupsNames = [groupId]
            let response = try await cluster.send(request, to: .node(coordinator), deadline: deadline)
            for result in response.results {
                if let error = KafkaBrokerError.check(result.errorCode, message: result.errorMessage) {
                    failures[result.groupId] = error
                }
            }
        }
        return failures
    }

    /// Deletes a group's committed offsets for some partitions (OffsetDelete). Throws a group-level error;
    /// returns the per-partition failures.
    public func deleteGroupOffsets(
        _ groupId: String, partitions: [TopicPartition], deadline: ContinuousClock.Instant? = nil
    ) async throws -> [TopicPartition: KafkaBrokerError] {
        let deadline = resolve(deadline)
        let coordinator = try await cluster.findGroupCoordinator(groupId, deadline: deadline)
        var request = OffsetDeleteRequest()
        request.groupId = groupId
        request.topics = Dictionary(grouping: partitions, by: \.topic).sorted { $0.key < $1.key }.map {
            OffsetDeleteRequest.OffsetDeleteRequestTopic(
                name: $0.key, partitions: $0.value.map { OffsetDeleteRequest.OffsetDeleteRequestPartition(partitionIndex: $0.partition) })
        }
        let response = try await cluster.send(request, to: .node(coordinator), deadline: deadline)
        if let error = KafkaBrokerError.check(response.errorCode) { throw KafkaClientError.broker(error) }
        var failures: [TopicPartition: KafkaBrokerError] = [:]
        for topic in response.topics {
            for partition in topic.partitions {
                if let error = KafkaBrokerError.check(partition.errorCode) {
                    failures[TopicPartition(topic: topic.name, partition: partition.partitionIndex)] = error
                }
            }
        }
        return failures
    }
}
