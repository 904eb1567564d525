import Foundation
import KafkaClient
import Testing

@testable import KafkaTools

/// kafka-consumer-groups end to end against a fake cluster: validation messages, every action's exact output and
/// exit status.
@Suite struct ConsumerGroupsCommandTests {
    static func tp(_ topic: String, _ partition: Int32) -> TopicPartition { TopicPartition(topic: topic, partition: partition) }

    static func cluster() async -> FakeGroupCluster {
        let cluster = FakeGroupCluster()
        await cluster.addTopic("orders", partitions: 2, start: 0, end: 10)
        await cluster.addGroup("idle", offsets: [tp("orders", 0): 4, tp("orders", 1): 10])
        await cluster.addGroup(
            "busy", state: "Stable",
            members: [
                GroupMemberDescription(
                    memberId: "m-1", groupInstanceId: nil, clientId: "c", host: "/127.0.0.1",
                    assignment: [tp("orders", 0), tp("orders", 1)])
            ], offsets: [tp("orders", 0): 9])
        return cluster
    }

    static func usage(_ message: String) -> ToolRun { ToolRun(status: 1, stdout: "", stderr: message + "\n") }

    @Test(arguments: [
        (["--list", "--validate-regex", "x"], GroupsOptions.oneAction),
        (["--describe"], "Option [describe] takes one of these options: [all-groups], [group]"),
        (["--delete"], "Option [delete] takes one of these options: [all-groups], [group]"),
        (["--describe", "--group", "g", "--members", "--state"],
         "Option [describe] takes at most one of these options: [members], [offsets], [state]"),
        (["--describe", "--group", "g", "--state", "x"], "Option [describe] does not take a value for [state]"),
        (["--delete", "--group", "g", "--topic", "t"], GroupsOptions.topicWithDelete),
        (["--delete-offsets", "--group", "g"], "Option [delete-offsets] takes the following options: [topic], [group]"),
        (["--reset-offsets", "--group", "g", "--all-topics", "--dry-run", "--execute", "--to-earliest"],
         "Option [reset-offsets] only accepts one of [execute] and [dry-run]"),
        (["--reset-offsets", "--group", "g", "--all-topics", "--dry-run", "--to-latest", "--shift-by", "1"],
         "Option \"[to-latest]\" can't be used with option \"[shift-by]\""),
        (["--reset-offsets", "--group", "g", "--all-topics", "--dry-run"],
         "Option '[reset-offsets]' requires one of the following scenarios: [[to-offset], [to-current], [to-datetime], [from-file], [by-duration], [to-earliest], [to-latest], [shift-by]]"),
        (["--describe", "--group", "g", "--all-groups"], "Option \"[group]\" can't be used with option \"[all-groups]\""),
        (["--list", "--group", "g"], "Option \"[group]\" can't be used with option \"[list]\""),
        (["--describe", "--group", "g", "--topic", "t"], "Option \"[topic]\" can't be used with option \"[describe]\""),
        (["--list", "--members"], "Option(s) [members] are unavailable given other options on the command line"),
        (["--describe", "--group", "g", "--timeout", "x"], "Cannot parse argument 'x' of option timeout"),
        (["--list", "--output", "yaml"], "Invalid value 'yaml' for option output: use text or json"),
        (["--delete", "--group", "g", "--output", "json"], "Option \"[output]\" can't be used with option \"[delete]\""),
    ])
    func refusesBadCommandLines(arguments: [String], message: String) async {
        #expect(await runGroups(arguments, on: FakeGroupCluster()) == Self.usage(message))
    }

    @Test func missingBootstrapAndUnknownOption() async {
        let streams = CapturedStreams()
        let status = await ConsumerGroupsCommand.execute(["--list"], output: streams.output()) { _ in FakeGroupCluster() }
        #expect(status == 1)
        #expect(streams.err == "Missing required argument \"[bootstrap-server]\"\n")
        #expect(await runGroups(["--zookeeper", "x"], on: FakeGroupCluster()) == Self.usage("zookeeper is not a recognized option"))
    }

    @Test func resetWithoutExecuteWarnsFirst() async {
        let run = await runGroups(["--reset-offsets", "--group", "g", "--all-topics"], on: FakeGroupCluster())
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(GroupsOptions.missingExecuteWarning + "\n"))
    }

    @Test func listAndListWithState() async {
        let cluster = await Self.cluster()
        #expect(await runGroups(["--list"], on: cluster) == ToolRun(status: 0, stdout: "busy\nidle\n", stderr: ""))
        #expect(
            await runGroups(["--list", "--state", "stable"], on: cluster).stdout
                == "GROUP                     STATE               \nbusy                      Stable              \n")
        #expect(
            await runGroups(["--list", "--state", "bogus"], on: cluster)
                == Self.usage(
                    "Invalid state list 'bogus'. Valid states are: PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, Assigning, Reconciling"))
        #expect(
            await runGroups(["--list", "--output", "json"], on: cluster).stdout
                == #"{"groups":[{"groupId":"busy","protocolType":"consumer","state":"Stable","type":"Classic"},{"groupId":"idle","protocolType":"consumer","state":"Empty","type":"Classic"}]}"# + "\n")
    }

    @Test func describeOffsetsWithPreambles() async {
        let cluster = await Self.cluster()
        let run = await runGroups(["--describe", "--group", "idle", "--group", "nosuch", "--group", "busy"], on: cluster)
        #expect(run.status == 1)
        #expect(run.stderr == "\nConsumer group 'idle' has no active members.\n")
        #expect(
            run.stdout == """

                GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
                busy            orders          0          9               10              1               m-1             /127.0.0.1      c
                busy            orders          1          -               10              -               m-1             /127.0.0.1      c

                GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID
                idle            orders          0          4               10              6               -               -               -
                idle            orders          1          10              10              0               -               -               -

                Error: Consumer group 'nosuch' does not exist.

                """)
    }

    @Test func describeStateMembersAndJSON() async {
        let cluster = await Self.cluster()
        #expect(
            await runGroups(["--describe", "--group", "busy", "--state"], on: cluster).stdout
                == "\nGROUP           COORDINATOR (ID)          ASSIGNMENT-STRATEGY  STATE                #MEMBERS"
                + "\nbusy            localhost:9092  (1)       range                Stable               1\n")
        #expect(
            await runGroups(["--describe", "--group", "busy", "--members"], on: cluster).stdout
                == "\nGROUP           CONSUMER-ID     HOST            CLIENT-ID       #PARTITIONS     \n"
                + "busy            m-1             /127.0.0.1      c               2               \n")
        let json = await runGroups(["--describe", "--all-groups", "--output", "json"], on: cluster)
        #expect(json.status == 0)
        #expect(json.stdout.hasPrefix(#"{"groups":[{"groupId":"busy","exists":true,"state":"Stable""#))
        #expect(json.stdout.contains(#"{"topic":"orders","partition":0,"currentOffset":4,"logEndOffset":10,"lag":6,"leaderEpoch":0,"memberId":null,"host":null,"clientId":null}"#))
    }

    static let table = "\nGROUP           TOPIC           PARTITION  NEW-OFFSET"

    @Test func resetScenarios() async {
        let cluster = await Self.cluster()
        await cluster.addTopic("t", partitions: 1, start: 2, end: 8)
        await cluster.addGroup("r", offsets: [Self.tp("t", 0): 5])
        func reset(_ extra: [String]) async -> ToolRun {
            await runGroups(["--reset-offsets", "--group", "r", "--topic", "t", "--dry-run"] + extra, on: cluster)
        }
        func plan(_ offset: Int64) -> ToolRun {
            ToolRun(status: 0, stdout: Self.table + "\nr               t               0          \(offset)\n", stderr: "")
        }
        #expect(await reset(["--to-earliest"]) == plan(2))
        #expect(await reset(["--to-latest"]) == plan(8))
        #expect(await reset(["--to-current"]) == plan(5))
        #expect(await reset(["--shift-by", "-2"]) == plan(3))
        #expect(await reset(["--to-offset", "7"]) == plan(7))
        let high = await reset(["--to-offset", "99"])
        #expect(high.stdout == plan(8).stdout)
        #expect(
            high.stderrMasked
                == "[ts] WARN New offset (99) is higher than latest offset for topic partition t-0. Value will be set to 8. (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand)\n")
        #expect(await reset(["--to-datetime", "2020-09-13T12:26:44.000"]) == plan(4))
        #expect(await reset(["--to-datetime", "2020-09-13T14:26:44.000+02:00"]) == plan(4))
        let late = await reset(["--to-datetime", "2030-01-01T00:00:00.000"])
        #expect(late.stdout == "\nWarn: Partition 0 from topic t is empty. Falling back to latest known offset.\n" + plan(8).stdout)
        #expect(await reset(["--by-duration", "PT1H"]).stdout.hasSuffix(plan(8).stdout))
        #expect(
            await reset(["--to-datetime", "2020-09-13"])
                == Self.usage("Error parsing timestamp. It does not contain a 'T' according to ISO8601 format"))
        #expect(
            await runGroups(["--reset-offsets", "--group", "r", "--dry-run", "--to-earliest"], on: cluster)
                == Self.usage(GroupsOptions.noResetScope))
        #expect(
            await runGroups(["--reset-offsets", "--group", "r", "--topic", "t:x", "--dry-run", "--to-earliest"], on: cluster)
                == Self.usage("Invalid partition 'x' specified in topic arg 't:x''"))
        #expect(
            await runGroups(["--reset-offsets", "--group", "r", "--topic", "t:5", "--dry-run", "--to-earliest"], on: cluster)
                == ToolRun(
                    status: 1,
                    stdout: "\nError: Executing consumer group command failed due to The partitions \"t-5\" do not exist\n",
                    stderr: ""))
        let fresh = await runGroups(
            ["--reset-offsets", "--group", "fresh", "--topic", "t", "--dry-run", "--shift-by", "1"], on: cluster)
        #expect(fresh == Self.usage("Cannot shift offset for partition t-0 since there is no current committed offset"))
    }

    @Test func resetRefusesActiveGroupsAndExecutes() async {
        let cluster = await Self.cluster()
        let busy = await runGroups(
            ["--reset-offsets", "--group", "busy", "--all-topics", "--execute", "--to-earliest"], on: cluster)
        #expect(
            busy
                == ToolRun(
                    status: 1,
                    stdout:
                        "\nError: Assignments can only be reset if the group 'busy' is inactive, but the current state is Stable.\n"
                        + Self.table + "\n",
                    stderr: ""))
        let executed = await runGroups(
            ["--reset-offsets", "--group", "idle", "--all-topics", "--execute", "--to-earliest"], on: cluster)
        #expect(executed.status == 0)
        #expect(await cluster.committed["idle"]?.mapValues(\.offset) == [Self.tp("orders", 0): 0, Self.tp("orders", 1): 0])
        let export = await runGroups(
            ["--reset-offsets", "--group", "idle", "--all-topics", "--dry-run", "--to-latest", "--export"], on: cluster)
        #expect(export == ToolRun(status: 0, stdout: "orders,0,10\norders,1,10\n\n", stderr: ""))
    }

    @Test func resetFromFile() async throws {
        let cluster = await Self.cluster()
        let path = "/tmp/groups-reset-\(UInt32.random(in: 0...UInt32.max)).csv"
        try "idle,orders,0,3\nidle,orders,1,99\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = await runGroups(
            ["--reset-offsets", "--group", "idle", "--group", "other", "--from-file", path, "--execute"], on: cluster)
        #expect(run.status == 1)
        #expect(run.stdout.contains("\nError: No reset plan for group other found.\n"))
        #expect(run.stdout.contains("\nidle            orders          0          3"))
        #expect(run.stdout.contains("\nidle            orders          1          10"))
        #expect(await cluster.committed["idle"]?[Self.tp("orders", 1)]?.offset == 10)
        try "orders,0,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let single = await runGroups(["--reset-offsets", "--group", "idle", "--from-file", path, "--dry-run"], on: cluster)
        #expect(single.stdout == Self.table + "\nidle            orders          0          1\n")
        let missing = await runGroups(
            ["--reset-offsets", "--group", "idle", "--from-file", "/nonexistent.csv", "--dry-run"], on: cluster)
        #expect(missing.stdout == "\nError: Executing consumer group command failed due to java.nio.file.NoSuchFileException: /nonexistent.csv\n")
    }

    @Test func deleteAndDeleteOffsets() async {
        let cluster = await Self.cluster()
        let refused = await runGroups(["--delete", "--group", "busy"], on: cluster)
        #expect(
            refused
                == ToolRun(
                    status: 1,
                    stdout:
                        "\nError: Deletion of some consumer groups failed:\n* Group 'busy' could not be deleted due to: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.\n",
                    stderr: ""))
        let offsets = await runGroups(["--delete-offsets", "--group", "idle", "--topic", "orders:1"], on: cluster)
        #expect(
            offsets.stdout
                == "Request succeeded for deleting offsets from group idle.\n\nTOPIC           PARTITION  STATUS         \norders          1          Successful     \n")
        #expect(
            await runGroups(["--delete", "--group", "idle"], on: cluster)
                == ToolRun(status: 0, stdout: "Deletion of requested consumer groups ('idle') was successful.\n", stderr: ""))
        await cluster.set(supportsOffsetDelete: false)
        let unsupported = await runGroups(["--delete-offsets", "--group", "busy", "--topic", "orders"], on: cluster)
        #expect(unsupported.status == 1)
        #expect(unsupported.stdout == "\nError: Executing consumer group command failed due to The broker at localhost:9092 does not support OffsetDelete\n")
    }

    @Test func validateRegex() async {
        #expect(
            await runGroups(["--validate-regex", "a.*"], on: FakeGroupCluster())
                == ToolRun(status: 0, stdout: "The regular expression `a.*` is valid.\n", stderr: ""))
        let bad = await runGroups(["--validate-regex", "a("], on: FakeGroupCluster())
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("The regular expression `a(` is invalid: "))
    }

    @Test func parsesDatesAndDurations() throws {
        #expect(try ResetTimestamps.dateTime("2020-09-13T12:26:40.000") == 1_600_000_000_000)
        #expect(try ResetTimestamps.dateTime("2020-09-13T12:26:40.000Z") == 1_600_000_000_000)
        #expect(try ResetTimestamps.dateTime("2020-09-13T14:26:40.000+0200") == 1_600_000_000_000)
        #expect(try ResetTimestamps.dateTime("2020-09-13T10:26:40.000-02") == 1_600_000_000_000)
        #expect(throws: ResetTimestamps.Failure.unparseableDate("2020-09-13T12:26Z")) {
            try ResetTimestamps.dateTime("2020-09-13T12:26")
        }
        #expect(try ResetTimestamps.duration("PT1H") == 3_600_000)
        #expect(try ResetTimestamps.duration("P1DT2H3M4.5S") == 93_784_500)
        #expect(try ResetTimestamps.duration("-pt30s") == -30_000)
        #expect(throws: ResetTimestamps.Failure.self) { try ResetTimestamps.duration("1h") }
        #expect(throws: ResetTimestamps.Failure.self) { try ResetTimestamps.duration("PT") }
    }
}
