import KafkaClient
import KafkaProtocol
import Testing

@testable import KafkaTools

/// Exact text of every kafka-consumer-groups table: widths, leading newlines, trailing spaces, `-` fills, order.
@Suite struct GroupsTextTests {
    static let consumer = "console-consumer-5b4f2f9a-0d6e-4e1a-9c8c-1d2e3f4a5b6c"

    @Test func listIdsAndTable() {
        let groups = [
            GroupListing(groupId: "my-group", protocolType: "consumer", state: "Stable", type: "classic"),
            GroupListing(groupId: "a-much-longer-group-name", protocolType: "consumer", state: "Unknown", type: ""),
        ]
        #expect(GroupListText.ids(groups) == "my-group\na-much-longer-group-name\n")
        let g = 24 + 10
        #expect(
            GroupListText.table(groups, includeType: true, includeState: true)
                == "GROUP".padding(g) + " " + "TYPE".padding(20) + " " + "STATE".padding(20) + "\n"
                + "my-group".padding(g) + " " + "Classic".padding(20) + " " + "Stable".padding(20) + "\n"
                + "a-much-longer-group-name".padding(g) + " " + "Unknown".padding(20) + " " + "Unknown".padding(20)
                + "\n")
        #expect(
            GroupListText.table([groups[0]], includeType: false, includeState: true)
                == "GROUP                     STATE               \nmy-group                  Stable              \n")
    }

    @Test func offsetsTableMatchesTheReference() {
        let rows = [
            GroupOffsetRow(
                group: "my-group", topic: "orders", partition: 0, currentOffset: 42, logEndOffset: 45,
                consumerId: Self.consumer, host: "/127.0.0.1", clientId: "console-consumer"),
            GroupOffsetRow(
                group: "my-group", topic: "orders", partition: 1, currentOffset: nil, logEndOffset: 7,
                consumerId: Self.consumer, host: "/127.0.0.1", clientId: "console-consumer"),
            GroupOffsetRow(
                group: "my-group", topic: "payments", partition: 0, currentOffset: 10, logEndOffset: 10,
                consumerId: "-", host: "-", clientId: "-"),
        ]
        #expect(
            GroupOffsetsText.render(rows, verbose: false) == """

                GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                           HOST            CLIENT-ID
                my-group        orders          0          42              45              3               console-consumer-5b4f2f9a-0d6e-4e1a-9c8c-1d2e3f4a5b6c /127.0.0.1      console-consumer
                my-group        orders          1          -               7               -               console-consumer-5b4f2f9a-0d6e-4e1a-9c8c-1d2e3f4a5b6c /127.0.0.1      console-consumer
                my-group        payments        0          10              10              0               -                                                     -               -

                """)
    }

    @Test func verboseOffsetsAddLeaderEpoch() {
        let row = GroupOffsetRow(
            group: "g", topic: "t", partition: 0, leaderEpoch: 3, currentOffset: 1, logEndOffset: nil,
            consumerId: "-", host: "-", clientId: "-")
        #expect(
            GroupOffsetsText.render([row], verbose: true)
                == "\nGROUP           TOPIC           PARTITION  LEADER-EPOCH    CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID"
                + "\ng               t               0          3               1               -               -               -               -               -\n")
    }

    @Test func membersKeepTheTrailingSpace() {
        let row = GroupMemberRow(
            group: "my-group", consumerId: Self.consumer, groupInstanceId: "", host: "/127.0.0.1",
            clientId: "console-consumer",
            assignment: [TopicPartition(topic: "orders", partition: 1), TopicPartition(topic: "orders", partition: 0)])
        #expect(
            GroupMembersText.render([row], verbose: false) == """

                GROUP           CONSUMER-ID                                           HOST            CLIENT-ID        #PARTITIONS     
                my-group        console-consumer-5b4f2f9a-0d6e-4e1a-9c8c-1d2e3f4a5b6c /127.0.0.1      console-consumer 2               

                """)
    }

    @Test func membersWithInstanceIdsAndVerbose() {
        let row = GroupMemberRow(
            group: "g", consumerId: "c-1", groupInstanceId: "i-1", host: "/h", clientId: "c",
            assignment: [
                TopicPartition(topic: "b", partition: 3), TopicPartition(topic: "a", partition: 2),
                TopicPartition(topic: "a", partition: 0),
            ])
        #expect(GroupMembersText.assignmentText(row.assignment) == "a:0,2;b:3")
        #expect(GroupMembersText.assignmentText([]) == "-")
        #expect(
            GroupMembersText.render([row], verbose: true)
                == "\nGROUP           CONSUMER-ID     GROUP-INSTANCE-ID HOST            CLIENT-ID       #PARTITIONS     CURRENT-EPOCH   CURRENT-ASSIGNMENT   TARGET-EPOCH    TARGET-ASSIGNMENT   \n"
                + "g               c-1             i-1               /h              c               3               -               a:0,2;b:3            -               -                   \n")
    }

    @Test func stateTableTwoSpacesBeforeTheId() {
        let group = GroupDescription(
            groupId: "my-group", state: "Stable", protocolType: "consumer", protocolName: "range",
            coordinator: BrokerNode(id: 1, host: "localhost", port: 9092), members: [])
        #expect(
            GroupStateText.render(group, verbose: false) == """

                GROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS
                my-group        localhost:9092  (1)       range                Stable               0

                """)
        var empty = group
        empty.protocolName = ""
        #expect(
            GroupStateText.render(empty, verbose: true)
                == "\nGROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                GROUP-EPOCH     TARGET-ASSIGNMENT-EPOCH   #MEMBERS"
                + "\nmy-group        localhost:9092  (1)       -                    Stable               -               -                         0\n")
    }

    @Test func resetTableAndExportInJavaHashMapOrder() {
        // TopicPartition hashes put `t` partitions 0..3 into buckets 5, 4, 3, 2: Java prints 3, 2, 1, 0.
        let offsets = Dictionary(uniqueKeysWithValues: (0..<4).map { (TopicPartition(topic: "t", partition: Int32($0)), Int64($0 * 10)) })
        let plan = GroupResetPlan(group: "my-group", offsets: offsets)
        #expect(plan.offsets.map(\.partition.partition) == [3, 2, 1, 0])
        #expect(
            ResetOffsetsText.table([plan]) == """

                GROUP           TOPIC           PARTITION  NEW-OFFSET
                my-group        t               3          30
                my-group        t               2          20
                my-group        t               1          10
                my-group        t               0          0

                """)
        #expect(ResetOffsetsText.csv([plan], singleGroup: true) == "t,3,30\nt,2,20\nt,1,10\nt,0,0\n\n")
        #expect(ResetOffsetsText.csv([plan], singleGroup: false).hasPrefix("my-group,t,3,30\n"))
        #expect(ResetOffsetsText.table([]) == "\n")
        #expect(ResetOffsetsText.table([GroupResetPlan(group: "g", offsets: [:])]) == "\nGROUP           TOPIC           PARTITION  NEW-OFFSET\n")
        #expect(ResetOffsetsText.csvField("a,b\"c") == "\"a,b\"\"c\"")
    }

    @Test func deleteGroupsTexts() {
        #expect(
            GroupDeletionText.deleteGroups(["g1", "g2"], failures: [:])
                == ("Deletion of requested consumer groups ('g1', 'g2') was successful.\n", true))
        let (text, ok) = GroupDeletionText.deleteGroups(
            ["g1", "g2"], failures: ["g1": KafkaBrokerError(.nonEmptyGroup, message: "broker text")])
        #expect(!ok)
        #expect(
            text == """

                Error: Deletion of some consumer groups failed:
                * Group 'g1' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.

                These consumer groups were deleted successfully: 'g2'

                """)
    }

    @Test func deleteOffsetsTexts() {
        let ok = GroupDeletionText.deleteOffsets(
            group: "g", topLevel: nil,
            statuses: [
                TopicPartition(topic: "t", partition: 1): nil, TopicPartition(topic: "t", partition: 0): nil,
            ])
        #expect(
            ok == "Request succeeded for deleting offsets from group g.\n"
                + "\nTOPIC           PARTITION  STATUS         "
                + "\nt               0          Successful     "
                + "\nt               1          Successful     \n")
        let subscribed = KafkaBrokerError(.groupSubscribedToTopic)
        let failed = GroupDeletionText.deleteOffsets(
            group: "g", topLevel: subscribed,
            statuses: [
                TopicPartition(topic: "t", partition: 0): .some(subscribed),
                TopicPartition(topic: "nosuch", partition: -1): .some(KafkaBrokerError(.unknownTopicOrPartition)),
            ])
        #expect(
            failed == "\nError: Encountered some partition-level error, see the follow-up details.\n"
                + "\nTOPIC           PARTITION  STATUS         "
                + "\nnosuch          -          Error: This server does not host this topic-partition."
                + "\nt               0          Error: Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.\n")
        let notEmpty = GroupDeletionText.deleteOffsets(
            group: "g", topLevel: KafkaBrokerError(.nonEmptyGroup), statuses: [:])
        #expect(notEmpty == "\nError: The group is not empty.\n\nTOPIC           PARTITION  STATUS         \n")
    }
}

extension String {
    /// `%-Ns`.
    fileprivate func padding(_ width: Int) -> String { JavaFormat.left(self, width) }
}
