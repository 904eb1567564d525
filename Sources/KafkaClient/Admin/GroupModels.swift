/// One entry of `listGroups`.
public struct GroupListing: Sendable, Hashable {
    public var groupId: String
    public var protocolType: String
    /// Empty when the broker does not report states (ListGroups before v4).
    public var state: String
    /// `classic` or `consumer` (ListGroups v5+); empty otherwise.
    public var type: String

    public init(groupId: String, protocolType: String, state: String, type: String) {
        self.groupId = groupId
        self.protocolType = protocolType
        self.state = state
        self.type = type
    }
}

/// A member of a described group.
public struct GroupMemberDescription: Sendable, Hashable {
    public var memberId: String
    public var groupInstanceId: String?
    public var clientId: String
    public var host: String
    /// Decoded from the member's assignment when the group uses the consumer protocol.
    public var assignment: [TopicPartition]

    public init(
        memberId: String, groupInstanceId: String?, clientId: String, host: String, assignment: [TopicPartition]
    ) {
        self.memberId = memberId
        self.groupInstanceId = groupInstanceId
        self.clientId = clientId
        self.host = host
        self.assignment = assignment
    }
}

/// What `describeGroups` returns for one group.
public struct GroupDescription: Sendable, Hashable {
    public var groupId: String
    /// `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Dead`.
    public var state: String
    public var protocolType: String
    /// The assignor for consumer groups.
    public var protocolName: String
    public var coordinator: BrokerNode?
    public var members: [GroupMemberDescription]

    public init(
        groupId: String, state: String, protocolType: String, protocolName: String, coordinator: BrokerNode?,
        members: [GroupMemberDescription]
    ) {
        self.groupId = groupId
        self.state = state
        self.protocolType = protocolType
        self.protocolName = protocolName
        self.coordinator = coordinator
        self.members = members
    }
}

/// A committed offset of a group.
public struct CommittedOffset: Sendable, Hashable {
    public var offset: Int64
    public var leaderEpoch: Int32?
    public var metadata: String

    public init(offset: Int64, leaderEpoch: Int32?, metadata: String) {
        self.offset = offset
        self.leaderEpoch = leaderEpoch
        self.metadata = metadata
    }
}
