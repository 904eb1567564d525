import KafkaProtocol
import KafkaSecurity
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

/// Handlers called directly with a RequestContext whose principal the test sets (the SASL listener that would set
/// it per connection is another branch's work).
private struct SecuredBroker {
    static let config = [
        "authorizer.class.name": AuthorizerSettings.standardAuthorizer, "super.users": "User:admin",
        "auto.create.topics.enable": "false",
    ]
    let broker: TestBroker

    func context(_ principal: String, address: String = "127.0.0.1:50000") throws -> RequestContext {
        var context = RequestContext(
            config: broker.topicManager.config, clusterId: "test-cluster-id",
            advertisedEndpoint: ListenerSpec(name: "PLAINTEXT", host: "127.0.0.1", port: broker.port),
            topicManager: broker.topicManager, groupCoordinator: broker.server.groupCoordinator, supportedApis: [],
            clientAddress: address)
        context.principal = try #require(KafkaPrincipal(parsing: principal))
        return context
    }

    func header(_ key: ApiKey, _ version: Int16) -> RequestHeader {
        var header = RequestHeader()
        header.requestApiKey = key.rawValue
        header.requestApiVersion = version
        header.clientId = "test"
        return header
    }

    func addAcls(_ acls: [AclBinding]) async throws {
        try await #require(broker.topicManager.authorizer).create(acls)
    }

    static func with(extra: [String: String] = [:], _ body: (SecuredBroker) async throws -> Void) async throws {
        try await TestBroker.with(extra: config.merging(extra) { $1 }.merging(Groups.config) { a, _ in a }) { broker in
            try await body(SecuredBroker(broker: broker))
        }
    }
}

private func acl(
    _ principal: String, _ operation: AclOperation, _ type: AclResourceType, _ name: String,
    _ pattern: AclPatternType = .literal, _ permission: AclPermissionType = .allow
) -> AclBinding {
    AclBinding(
        ResourcePattern(type, name, pattern),
        AccessControlEntry(principal: principal, operation: operation, permission: permission))
}

@Suite struct AclHandlerTests {
    @Test func produceNeedsWriteOnTheTopic() async throws {
        try await SecuredBroker.with { secured in
            for name in ["t1", "t2"] { try await secured.broker.topicManager.createTopic(name, partitions: 1, configs: [:]) }
            try await secured.addAcls([acl("User:alice", .write, .topic, "t1")])
            var request = ProduceRequest(acks: -1, timeoutMs: 30_000, topicData: [])
            for name in ["t1", "t2"] {
                request.topicData.append(.init(name: name, partitionData: [.init(index: 0, records: try dataPathBatch())]))
            }
            let response = await ProduceHandler().handle(
                header: secured.header(.produce, 9), request: request, context: try secured.context("User:alice"))
            let codes = response.responses.map { $0.partitionResponses.first?.errorCode }
            #expect(codes == [0, ErrorCode.topicAuthorizationFailed.rawValue])
            #expect(response.responses[1].partitionResponses.first?.errorMessage == "Topic authorization failed.")
            // Bob has no ACL at all; the super user needs none.
            let bob = await ProduceHandler().handle(
                header: secured.header(.produce, 9), request: request, context: try secured.context("User:bob"))
            #expect(bob.responses.allSatisfy { $0.partitionResponses.first?.errorCode == 29 })
            let admin = await ProduceHandler().handle(
                header: secured.header(.produce, 9), request: request, context: try secured.context("User:admin"))
            #expect(admin.responses.allSatisfy { $0.partitionResponses.first?.errorCode == 0 })
        }
    }

    @Test func consumeNeedsReadOnTopicAndGroup() async throws {
        try await SecuredBroker.with { secured in
            try await secured.broker.topicManager.createTopic("t1", partitions: 1, configs: [:])
            try await secured.addAcls([acl("User:alice", .read, .topic, "t1")])
            let alice = try secured.context("User:alice")
            var fetch = FetchRequest()
            fetch.maxWaitMs = 0
            fetch.maxBytes = 1_000_000
            fetch.topics = [.init(topic: "t1", partitions: [.init(partition: 0, fetchOffset: 0, partitionMaxBytes: 100_000)])]
            let fetched = await FetchHandler().handle(header: secured.header(.fetch, 12), request: fetch, context: alice)
            #expect(fetched.responses.first?.partitions.first?.errorCode == 0)
            let bobFetch = await FetchHandler().handle(
                header: secured.header(.fetch, 12), request: fetch, context: try secured.context("User:bob"))
            #expect(bobFetch.responses.first?.partitions.first?.errorCode == ErrorCode.topicAuthorizationFailed.rawValue)

            // Joining (and finding the coordinator of) a group needs READ / DESCRIBE on it.
            var find = FindCoordinatorRequest()
            find.keyType = 0
            find.coordinatorKeys = ["g1"]
            let refusedFind = await FindCoordinatorHandler().handle(
                header: secured.header(.findCoordinator, 4), request: find, context: alice)
            #expect(refusedFind.coordinators.first?.errorCode == ErrorCode.groupAuthorizationFailed.rawValue)
            var join = JoinGroupRequest()
            join.groupId = "g1"
            join.sessionTimeoutMs = 10_000
            join.rebalanceTimeoutMs = 10_000
            join.protocolType = "consumer"
            join.protocols = [.init(name: "range", metadata: Groups.subscription(["t1"]))]
            let refused = await JoinGroupHandler().handle(header: secured.header(.joinGroup, 9), request: join, context: alice)
            #expect(refused.errorCode == ErrorCode.groupAuthorizationFailed.rawValue)

            try await secured.addAcls([acl("User:alice", .read, .group, "g", .prefixed)])
            let found = await FindCoordinatorHandler().handle(
                header: secured.header(.findCoordinator, 4), request: find, context: alice)
            #expect(found.coordinators.first?.errorCode == 0)
            let joined = await JoinGroupHandler().handle(header: secured.header(.joinGroup, 9), request: join, context: alice)
            #expect(joined.errorCode == ErrorCode.memberIdRequired.rawValue)

            // A standalone commit needs READ on the group and on the topic.
            var commit = OffsetCommitRequest()
            commit.groupId = "g2"
            commit.generationIdOrMemberEpoch = -1
            commit.topics = [
                .init(name: "t1", partitions: [.init(partitionIndex: 0, committedOffset: 0)]),
                .init(name: "other", partitions: [.init(partitionIndex: 0, committedOffset: 0)]),
            ]
            let committed = await OffsetCommitHandler().handle(
                header: secured.header(.offsetCommit, 8), request: commit, context: alice)
            #expect(committed.topics.map { $0.partitions.first?.errorCode } == [0, ErrorCode.topicAuthorizationFailed.rawValue])
            let bobCommit = await OffsetCommitHandler().handle(
                header: secured.header(.offsetCommit, 8), request: commit, context: try secured.context("User:bob"))
            #expect(bobCommit.topics.allSatisfy { $0.partitions.first?.errorCode == ErrorCode.groupAuthorizationFailed.rawValue })

            // Listing groups shows only the describable ones.
            var list = await ListGroupsHandler().handle(
                header: secured.header(.listGroups, 4), request: ListGroupsRequest(), context: alice)
            #expect(list.groups.map(\.groupId).sorted() == ["g1", "g2"])
            list = await ListGroupsHandler().handle(
                header: secured.header(.listGroups, 4), request: ListGroupsRequest(), context: try secured.context("User:bob"))
            #expect(list.groups.isEmpty)
        }
    }

    @Test func topicCreationAndMetadata() async throws {
        try await SecuredBroker.with(extra: ["auto.create.topics.enable": "true"]) { secured in
            let alice = try secured.context("User:alice")
            var create = CreateTopicsRequest()
            create.topics = [.init(name: "new-topic", numPartitions: 1, replicationFactor: 1)]
            let refused = await CreateTopicsHandler().handle(
                header: secured.header(.createTopics, 7), request: create, context: alice)
            #expect(refused.topics.first?.errorCode == ErrorCode.topicAuthorizationFailed.rawValue)
            #expect(refused.topics.first?.errorMessage == "Authorization failed.")
            #expect(await secured.broker.topicManager.topic(named: "new-topic") == nil)

            try await secured.addAcls([acl("User:alice", .create, .cluster, "kafka-cluster")])
            let created = await CreateTopicsHandler().handle(
                header: secured.header(.createTopics, 7), request: create, context: alice)
            #expect(created.topics.first?.errorCode == 0)
            // Without DESCRIBE_CONFIGS the configs are withheld.
            #expect(created.topics.first?.topicConfigErrorCode == ErrorCode.topicAuthorizationFailed.rawValue)

            // Metadata: only describable topics are listed; a named undescribable one is refused; auto-creation
            // needs CREATE.
            try await secured.broker.topicManager.createTopic("visible", partitions: 1, configs: [:])
            try await secured.addAcls([acl("User:bob", .describe, .topic, "visible"), acl("User:bob", .describe, .topic, "auto")])
            let bob = try secured.context("User:bob")
            let all = await MetadataHandler().handle(
                header: secured.header(.metadata, 12), request: MetadataRequest(topics: nil), context: bob)
            #expect(all.topics.map(\.name) == ["visible"])
            var named = MetadataRequest()
            named.topics = [.init(name: "new-topic"), .init(name: "auto")]
            named.allowAutoTopicCreation = true
            let answer = await MetadataHandler().handle(header: secured.header(.metadata, 12), request: named, context: bob)
            #expect(answer.topics.map(\.errorCode) == [29, 29])
            #expect(await secured.broker.topicManager.topic(named: "auto") == nil)
        }
    }

    @Test func aclApisRoundTrip() async throws {
        try await SecuredBroker.with { secured in
            let admin = try secured.context("User:admin")
            var create = CreateAclsRequest()
            create.creations = [
                .init(resourceType: 2, resourceName: "t1", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 4, permissionType: 3),
                .init(resourceType: 3, resourceName: "app-", resourcePatternType: 4, principal: "User:alice", host: "*", operation: 3, permissionType: 3),
                .init(resourceType: 2, resourceName: "t1", resourcePatternType: 3, principal: "User:bob", host: "10.0.0.1", operation: 4, permissionType: 2),
                .init(resourceType: 4, resourceName: "other", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 7, permissionType: 3),
                .init(resourceType: 2, resourceName: "t1", resourcePatternType: 3, principal: "User:alice", host: "*", operation: 99, permissionType: 3),
            ]
            let created = await CreateAclsHandler().handle(header: secured.header(.createAcls, 3), request: create, context: admin)
            #expect(created.results.map(\.errorCode) == [0, 0, 0, 42, 42])
            #expect(created.results[3].errorMessage == "The only valid name for the CLUSTER resource is kafka-cluster")
            #expect(created.results[4].errorMessage == "Invalid operation UNKNOWN")

            var describe = DescribeAclsRequest()
            describe.resourceTypeFilter = 1
            describe.resourceNameFilter = nil
            describe.patternTypeFilter = 1
            describe.principalFilter = nil
            describe.hostFilter = nil
            describe.operation = 1
            describe.permissionType = 1
            let described = await DescribeAclsHandler().handle(
                header: secured.header(.describeAcls, 3), request: describe, context: admin)
            #expect(described.errorCode == 0)
            #expect(described.resources.map(\.resourceName) == ["t1", "app-"])
            #expect(described.resources.first?.acls.count == 2)

            // MATCH finds what applies to a group named app-1.
            describe.resourceTypeFilter = 3
            describe.resourceNameFilter = "app-1"
            describe.patternTypeFilter = 2
            let matched = await DescribeAclsHandler().handle(
                header: secured.header(.describeAcls, 3), request: describe, context: admin)
            #expect(matched.resources.map(\.patternType) == [4])

            // Only ALTER on the cluster may change ACLs, only DESCRIBE on it list them.
            let alice = try secured.context("User:alice")
            let refused = await DescribeAclsHandler().handle(
                header: secured.header(.describeAcls, 3), request: describe, context: alice)
            #expect(refused.errorCode == ErrorCode.clusterAuthorizationFailed.rawValue)
            var delete = DeleteAclsRequest()
            delete.filters = [
                .init(resourceTypeFilter: 2, resourceNameFilter: "t1", patternTypeFilter: 3, principalFilter: "User:bob", hostFilter: nil, operation: 1, permissionType: 1),
                .init(resourceTypeFilter: 0, resourceNameFilter: nil, patternTypeFilter: 1, principalFilter: nil, hostFilter: nil, operation: 1, permissionType: 1),
            ]
            let deniedDelete = await DeleteAclsHandler().handle(header: secured.header(.deleteAcls, 3), request: delete, context: alice)
            #expect(deniedDelete.filterResults.map(\.errorCode) == [31, 31])

            let deleted = await DeleteAclsHandler().handle(header: secured.header(.deleteAcls, 3), request: delete, context: admin)
            #expect(deleted.filterResults.map(\.errorCode) == [0, 42])
            #expect(deleted.filterResults[0].matchingAcls.map(\.host) == ["10.0.0.1"])
            #expect(deleted.filterResults[1].errorMessage == "Unknown patternFilter.")
            let remaining = try #require(secured.broker.topicManager.authorizer).acls(matching: .matchAll)
            #expect(remaining.count == 2)
            #expect(!remaining.contains { $0.entry.principal == "User:bob" })
        }
    }

    @Test func withoutAuthorizerNothingChanges() async throws {
        try await TestBroker.with(extra: ["auto.create.topics.enable": "false"]) { broker in
            try await broker.topicManager.createTopic("t", partitions: 1, configs: [:])
            let secured = SecuredBroker(broker: broker)
            let alice = try secured.context("User:alice")
            let request = ProduceRequest(
                acks: -1, timeoutMs: 30_000, topicData: [.init(name: "t", partitionData: [.init(index: 0, records: try dataPathBatch())])])
            let produced = await ProduceHandler().handle(header: secured.header(.produce, 9), request: request, context: alice)
            #expect(produced.responses.first?.partitionResponses.first?.errorCode == 0)
            var describe = DescribeAclsRequest()
            describe.resourceTypeFilter = 1
            describe.patternTypeFilter = 1
            describe.operation = 1
            describe.permissionType = 1
            let described = await DescribeAclsHandler().handle(header: secured.header(.describeAcls, 3), request: describe, context: alice)
            #expect(described.errorCode == ErrorCode.securityDisabled.rawValue)
            #expect(described.errorMessage == "No Authorizer is configured on the broker")
            var create = CreateAclsRequest()
            create.creations = [.init(resourceType: 2, resourceName: "t", resourcePatternType: 3, principal: "User:a", host: "*", operation: 3, permissionType: 3)]
            let created = await CreateAclsHandler().handle(header: secured.header(.createAcls, 3), request: create, context: alice)
            #expect(created.results.first?.errorCode == ErrorCode.securityDisabled.rawValue)
            #expect(created.results.first?.errorMessage == "No Authorizer is configured.")
        }
    }

    @Test func aclsSurviveRestart() async throws {
        let fileSystem = InMemoryFileSystem()
        let extra = SecuredBroker.config
        let acls = [acl("User:alice", .write, .topic, "t1"), acl("User:*", .read, .group, "g-", .prefixed, .deny)]
        try await TestBroker.with(extra: extra, fileSystem: fileSystem) { broker in
            try await #require(broker.topicManager.authorizer).create(acls)
        }
        try await TestBroker.with(extra: extra, fileSystem: fileSystem) { broker in
            let authorizer = try #require(broker.topicManager.authorizer)
            #expect(authorizer.acls(matching: .matchAll) == acls)
            _ = try await #require(broker.topicManager.authorizer).delete([AclBindingFilter(resourceType: .group)])
        }
        try await TestBroker.with(extra: extra, fileSystem: fileSystem) { broker in
            let authorizer = try #require(broker.topicManager.authorizer)
            #expect(authorizer.acls(matching: .matchAll) == [acls[0]])
        }
    }

    @Test func configsAndIdempotentProducers() async throws {
        try await SecuredBroker.with { secured in
            try await secured.broker.topicManager.createTopic("t1", partitions: 1, configs: [:])
            let alice = try secured.context("User:alice")
            var init0 = InitProducerIdRequest()
            init0.transactionalId = nil
            init0.transactionTimeoutMs = 60_000
            let refusedId = await InitProducerIdHandler().handle(header: secured.header(.initProducerId, 4), request: init0, context: alice)
            #expect(refusedId.errorCode == ErrorCode.clusterAuthorizationFailed.rawValue)
            try await secured.addAcls([acl("User:alice", .write, .topic, "t", .prefixed)])
            let granted = await InitProducerIdHandler().handle(header: secured.header(.initProducerId, 4), request: init0, context: alice)
            #expect(granted.errorCode == 0 && granted.producerId >= 0)

            var describe = DescribeConfigsRequest()
            describe.resources = [
                .init(resourceType: 2, resourceName: "t1", configurationKeys: nil),
                .init(resourceType: 4, resourceName: "1", configurationKeys: nil),
            ]
            let described = await DescribeConfigsHandler().handle(
                header: secured.header(.describeConfigs, 4), request: describe, context: alice)
            #expect(described.results.map(\.errorCode) == [29, 31])
            try await secured.addAcls([acl("User:alice", .alterConfigs, .topic, "t1")])
            let allowed = await DescribeConfigsHandler().handle(
                header: secured.header(.describeConfigs, 4), request: describe, context: alice)
            #expect(allowed.results.map(\.errorCode) == [0, 31])
            #expect(!(allowed.results.first?.configs.isEmpty ?? true))
        }
    }
}
