import KafkaClient
import KafkaProtocol
import Testing

@testable import KafkaTools

/// kafka-topics end to end against a fake cluster: exact stdout, stderr and exit status.
@Suite struct TopicsCommandTests {
    static let bootstrap = ["--bootstrap-server", "localhost:9092"]
    static let warning = TopicsRunner.collisionWarning + "\n"

    static func error(_ message: String) -> ToolRun {
        ToolRun(
            status: 1, stdout: "Error while executing topic command : \(message)\n",
            stderr: "[ts] ERROR \(message) (org.apache.kafka.tools.TopicCommand)\n")
    }

    static func masked(_ run: ToolRun) -> ToolRun {
        ToolRun(status: run.status, stdout: run.stdout, stderr: run.stderrMasked)
    }

    @Test func theSeedCourseCreateListDescribe() async {
        let cluster = FakeCluster()
        let create = await runTopics(
            Self.bootstrap + [
                "--create", "--replication-factor", "1", "--partitions", "1", "--topic", "test_topic_01",
            ],
            on: cluster)
        #expect(create == ToolRun(status: 0, stdout: Self.warning + "Created topic test_topic_01.\n", stderr: ""))
        #expect(await runTopics(Self.bootstrap + ["--list"], on: cluster).stdout == "test_topic_01\n")
        let describe = await runTopics(Self.bootstrap + ["--describe", "--topic", "test_topic_01"], on: cluster)
        let id = await cluster.topics["test_topic_01"]?.id.base64 ?? "?"
        #expect(
            describe
                == ToolRun(
                    status: 0,
                    stdout: """
                        Topic: test_topic_01\tTopicId: \(id)\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: 
                        \tTopic: test_topic_01\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tElr: \tLastKnownElr: 

                        """, stderr: ""))
        #expect(await cluster.closed)
    }

    @Test func anEmptyClusterListsOneEmptyLine() async {
        #expect(
            await runTopics(Self.bootstrap + ["--list"], on: FakeCluster())
                == ToolRun(status: 0, stdout: "\n", stderr: ""))
    }

    @Test func listFiltersSortsAndExcludesInternal() async {
        let cluster = FakeCluster()
        for name in ["b", "a", "B", "orders", "orders2"] { await cluster.addTopic(name) }
        await cluster.addTopic("__consumer_offsets", isInternal: true)
        #expect(
            await runTopics(Self.bootstrap + ["--list"], on: cluster).stdout
                == "B\n__consumer_offsets\na\nb\norders\norders2\n")
        #expect(
            await runTopics(Self.bootstrap + ["--list", "--exclude-internal"], on: cluster).stdout
                == "B\na\nb\norders\norders2\n")
        #expect(
            await runTopics(Self.bootstrap + ["--list", "--topic", "orders,a"], on: cluster).stdout == "a\norders\n")
        let json = await runTopics(Self.bootstrap + ["--list", "--topic", "a", "--output", "json"], on: cluster)
        let id = await cluster.topics["a"]?.id.base64 ?? "?"
        #expect(json.stdout == #"{"topics":[{"name":"a","topicId":"\#(id)","internal":false}]}"# + "\n")
    }

    @Test func createFailures() async {
        let cluster = FakeCluster()
        await cluster.addTopic("orders")
        let rf = await runTopics(
            Self.bootstrap + ["--create", "--topic", "rf3", "--replication-factor", "3"], on: cluster)
        #expect(
            Self.masked(rf)
                == Self.error(
                    "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered."
                ))
        var zero = Self.error("The partitions must be greater than 0")
        zero.stdout = Self.warning + zero.stdout
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--create", "--topic", "p_0", "--partitions", "0"], on: cluster))
                == zero)
        #expect(
            Self.masked(
                await runTopics(
                    Self.bootstrap + ["--create", "--topic", "t", "--replication-factor", "0"], on: cluster))
                == Self.error("The replication factor must be between 1 and 32767 inclusive"))
        #expect(
            Self.masked(await runTopics(Self.bootstrap + ["--create", "--topic", "a b"], on: cluster))
                == Self.error(
                    "Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
                ))
        #expect(
            Self.masked(await runTopics(Self.bootstrap + ["--create", "--topic", "orders"], on: cluster))
                == Self.error("Topic 'orders' already exists."))
        #expect(
            await runTopics(Self.bootstrap + ["--create", "--topic", "orders", "--if-not-exists"], on: cluster)
                == ToolRun(status: 0, stdout: "", stderr: ""))
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--create", "--topic", "c", "--config", "foo=bar"], on: cluster))
                == Self.error("Unknown topic config name: foo"))
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--create", "--topic", "c", "--partitions", "x"], on: cluster))
                == Self.error("Cannot parse argument 'x' of option partitions"))
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--create", "--topic", "c", "--config", "retention.ms"], on: cluster))
                == Self.error(TopicConfigArguments.invalidFormat))
        // Nothing was created by any of the failures.
        #expect(await cluster.topics.keys.sorted() == ["orders"])
        // Client-side refusals never reach the cluster.
        #expect(await cluster.calls.filter { $0 == "createTopics" }.count == 4)
    }

    @Test func createWithConfigsAndAssignment() async {
        let cluster = FakeCluster(brokers: 3)
        let run = await runTopics(
            Self.bootstrap + [
                "--create", "--topic", "t", "--replica-assignment", "1:2,2:3", "--config", "retention.ms=1000",
            ],
            on: cluster)
        #expect(run == ToolRun(status: 0, stdout: "Created topic t.\n", stderr: ""))
        #expect(await cluster.topics["t"]?.partitions.map(\.replicas) == [[1, 2], [2, 3]])
        #expect(await cluster.topics["t"]?.overrides == ["retention.ms": "1000"])
    }

    @Test func describeMissingTopics() async {
        let cluster = FakeCluster()
        #expect(
            Self.masked(await runTopics(Self.bootstrap + ["--describe", "--topic", "orders"], on: cluster))
                == Self.error("Topic 'orders' does not exist as expected"))
        #expect(
            await runTopics(Self.bootstrap + ["--describe", "--topic", "orders", "--if-exists"], on: cluster)
                == ToolRun(status: 0, stdout: "", stderr: ""))
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--describe", "--topic-id", "q6t8O81ZR3Odgwr8kOJx6Q"], on: cluster))
                == Self.error("TopicId 'q6t8O81ZR3Odgwr8kOJx6Q' does not exist as expected"))
        #expect(
            Self.masked(await runTopics(Self.bootstrap + ["--describe", "--topic", "a("], on: cluster))
                == Self.error("a( is an invalid regex."))
    }

    @Test func describeByIdUsesMetadataAndPrintsNA() async {
        let cluster = FakeCluster()
        await cluster.addTopic("orders", overrides: ["retention.ms": "1000"])
        let id = await cluster.topics["orders"]?.id ?? .zero
        let run = await runTopics(Self.bootstrap + ["--describe", "--topic-id", id.base64], on: cluster)
        #expect(
            run.stdout == """
                Topic: orders\tTopicId: \(id)\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: retention.ms=1000
                \tTopic: orders\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\tElr: N/A\tLastKnownElr: N/A

                """)
        #expect(await cluster.calls.contains("describeTopicsById"))
    }

    @Test func describeEverythingInApachesOrderWithFilters() async {
        let cluster = FakeCluster()
        for name in ["alpha", "beta", "gamma"] { await cluster.addTopic(name, partitions: 2) }
        await cluster.setPartitions(
            "beta",
            [
                TopicPartitionDescription(
                    partition: 0, leader: nil, replicas: [1], isr: [], eligibleLeaderReplicas: [],
                    lastKnownEligibleLeaderReplicas: []),
                TopicPartitionDescription(
                    partition: 1, leader: 1, replicas: [1], isr: [1], eligibleLeaderReplicas: [],
                    lastKnownEligibleLeaderReplicas: []),
            ])
        let all = await runTopics(Self.bootstrap + ["--describe"], on: cluster)
        let headers = all.stdout.split(separator: "\n").filter { $0.hasPrefix("Topic: ") }.map {
            $0.prefix { $0 != "\t" }
        }
        // A HashMap of three names sized 3 (a table of 4): Java iterates beta, gamma, alpha.
        #expect(headers == ["Topic: beta", "Topic: gamma", "Topic: alpha"])
        let unavailable = await runTopics(Self.bootstrap + ["--describe", "--unavailable-partitions"], on: cluster)
        #expect(
            unavailable.stdout
                == "\tTopic: beta\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: \tElr: \tLastKnownElr: \n")
        #expect(await cluster.calls.contains("describeCluster"))
        let json = await runTopics(
            Self.bootstrap + ["--describe", "--topic", "beta", "--under-replicated-partitions", "--output", "json"],
            on: cluster)
        let id = await cluster.topics["beta"]?.id.base64 ?? "?"
        #expect(
            json.stdout
                == #"{"topics":[{"name":"beta","topicId":"\#(id)","internal":false,"partitionCount":2,"replicationFactor":1,"configs":{},"partitions":[{"partition":0,"leader":null,"replicas":[1],"isr":[],"elr":[],"lastKnownElr":[]}]}]}"#
                + "\n")
        await cluster.addTopic("delta", overrides: ["retention.ms": "5"])
        let overrides = await runTopics(Self.bootstrap + ["--describe", "--topics-with-overrides"], on: cluster)
        #expect(overrides.stdout.hasPrefix("Topic: delta\t") && overrides.stdout.split(separator: "\n").count == 1)
    }

    @Test func alterAddsPartitions() async {
        let cluster = FakeCluster(brokers: 2)
        await cluster.addTopic("orders", partitions: 1)
        #expect(
            await runTopics(
                Self.bootstrap + [
                    "--alter", "--topic", "orders", "--partitions", "3", "--replica-assignment", "1,2,2",
                ], on: cluster)
                == ToolRun(status: 0, stdout: "", stderr: ""))
        #expect(await cluster.topics["orders"]?.partitions.map(\.replicas) == [[1], [2], [2]])
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--alter", "--topic", "orders", "--partitions", "2"], on: cluster))
                == Self.error("The topic orders currently has 3 partition(s); 2 would not be an increase."))
        #expect(
            Self.masked(
                await runTopics(Self.bootstrap + ["--alter", "--topic", "nosuch", "--partitions", "2"], on: cluster))
                == Self.error("Topic 'nosuch' does not exist as expected"))
        #expect(
            await runTopics(
                Self.bootstrap + ["--alter", "--topic", "nosuch", "--partitions", "2", "--if-exists"], on: cluster
            ).status == 0)
    }

    @Test func deleteByExpression() async {
        let cluster = FakeCluster()
        for name in ["logs-1", "logs-2", "keep"] { await cluster.addTopic(name) }
        #expect(
            await runTopics(Self.bootstrap + ["--delete", "--topic", "logs-.*"], on: cluster)
                == ToolRun(status: 0, stdout: "", stderr: ""))
        #expect(await cluster.topics.keys.sorted() == ["keep"])
        #expect(
            Self.masked(await runTopics(Self.bootstrap + ["--delete", "--topic", "logs-1"], on: cluster))
                == Self.error("Topic 'logs-1' does not exist as expected"))
        #expect(
            await runTopics(Self.bootstrap + ["--delete", "--topic", "logs-1", "--if-exists"], on: cluster).status == 0)
    }

    @Test func usageErrorsAreOneLineOnStderr() async {
        let cluster = FakeCluster()
        let cases: [([String], String)] = [
            (Self.bootstrap + ["--create"], "Missing required argument \"[topic]\""),
            (
                Self.bootstrap + ["--list", "--create", "--topic", "t"],
                "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
            ),
            (Self.bootstrap + ["--list", "--zookeeper", "z:2181"], "zookeeper is not a recognized option"),
            (Self.bootstrap + ["--list", "--topic"], "Option topic requires an argument"),
        ]
        for (argv, message) in cases {
            #expect(
                await runTopics(argv, on: cluster) == ToolRun(status: 1, stdout: "", stderr: message + "\n"), "\(argv)")
        }
        #expect(await cluster.calls.isEmpty)
    }

    @Test func helpVersionAndNoArguments() async {
        let help = await runTopics(["--help"], on: FakeCluster())
        #expect(
            help.status == 0 && help.stdout.hasPrefix("OVERVIEW: Create, delete, describe, or change a topic.")
                && help.stderr.isEmpty)
        #expect(
            await runTopics(["--version"], on: FakeCluster()) == ToolRun(status: 0, stdout: "4.0.0-swift\n", stderr: "")
        )
        let none = await runTopics([], on: FakeCluster())
        #expect(
            none.status == 1 && none.stdout.isEmpty
                && none.stderr.hasPrefix("Create, delete, describe, or change a topic.\nOVERVIEW:"))
    }

    @Test func anUnreachableClusterIsOneLineNamingIt() async {
        let cluster = FakeCluster()
        await cluster.set(
            failure: .bootstrapUnreachable(
                servers: ["127.0.0.1:1"],
                reason:
                    "Connection refused"
            ))
        #expect(
            Self.masked(await runTopics(["--bootstrap-server", "127.0.0.1:1", "--list"], on: cluster))
                == Self.error("Could not connect to any bootstrap server (127.0.0.1:1): Connection refused"))
    }
}
