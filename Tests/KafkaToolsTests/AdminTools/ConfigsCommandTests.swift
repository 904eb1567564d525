import Foundation
import KafkaClient
import Testing

@testable import KafkaTools

/// kafka-configs end to end against a fake cluster: exact stdout, stderr and exit status.
@Suite struct ConfigsCommandTests {
    static let bootstrap = ["--bootstrap-server", "localhost:9092"]
    static let topicX = bootstrap + ["--entity-type", "topics", "--entity-name", "X"]

    static func execution(_ argv: [String], _ message: String) -> String {
        "Error while executing config command with args '\(argv.joined(separator: " "))': \(message)\n"
    }

    @Test func theSeedCourseAlterDeleteAndDescribe() async {
        let cluster = FakeCluster()
        await cluster.addTopic("X")
        let add = await runConfigs(Self.topicX + ["--alter", "--add-config", "retention.ms=3600000"], on: cluster)
        #expect(add == ToolRun(status: 0, stdout: "Completed updating config for topic X.\n", stderr: ""))
        let dynamic = await runConfigs(Self.topicX + ["--describe"], on: cluster)
        #expect(
            dynamic.stdout == """
                Dynamic configs for topic X are:
                  retention.ms=3600000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000, DEFAULT_CONFIG:log.retention.hours=604800000}

                """)
        let delete = await runConfigs(Self.topicX + ["--alter", "--delete-config", "retention.ms"], on: cluster)
        #expect(delete == ToolRun(status: 0, stdout: "Completed updating config for topic X.\n", stderr: ""))
        let all = await runConfigs(Self.topicX + ["--all", "--describe"], on: cluster)
        #expect(
            all.stdout == """
                All configs for topic X are:
                  cleanup.policy=delete sensitive=false synonyms={DEFAULT_CONFIG:log.cleanup.policy=delete}
                  min.insync.replicas=1 sensitive=false synonyms={DEFAULT_CONFIG:min.insync.replicas=1}
                  retention.ms=604800000 sensitive=false synonyms={DEFAULT_CONFIG:log.retention.hours=604800000}
                  segment.bytes=1073741824 sensitive=false synonyms={DEFAULT_CONFIG:log.segment.bytes=1073741824}

                """)
        #expect(await cluster.closed)
    }

    @Test func deletingAnUnsetConfigChangesNothing() async {
        let cluster = FakeCluster()
        await cluster.addTopic("X", overrides: ["cleanup.policy": "compact"])
        let run = await runConfigs(
            Self.topicX + ["--alter", "--delete-config", "retention.ms,cleanup.policy,foo"], on: cluster)
        #expect(run == ToolRun(status: 1, stdout: "", stderr: "Invalid config(s): retention.ms,foo\n"))
        #expect(await cluster.topics["X"]?.overrides == ["cleanup.policy": "compact"])
        #expect(await !cluster.calls.contains("incrementalAlterConfigs"))
    }

    @Test func brokerSideErrorsAreTheExecutionLine() async {
        let cluster = FakeCluster()
        await cluster.addTopic("X")
        let unknownKey = Self.topicX + ["--alter", "--add-config", "foo=bar"]
        #expect(
            await runConfigs(unknownKey, on: cluster)
                == ToolRun(status: 1, stdout: "", stderr: Self.execution(unknownKey, "Unknown topic config name: foo")))
        let missing = Self.bootstrap + ["--describe", "--topic", "nosuch"]
        #expect(
            await runConfigs(missing, on: cluster)
                == ToolRun(
                    status: 1, stdout: "Dynamic configs for topic nosuch are:\n",
                    stderr: Self.execution(missing, "The topic 'nosuch' does not exist.")))
        let badName = Self.bootstrap + ["--alter", "--topic", "a b", "--add-config", "retention.ms=1"]
        #expect(
            await runConfigs(badName, on: cluster)
                == ToolRun(
                    status: 1, stdout: "",
                    stderr: Self.execution(
                        badName,
                        "Topic name is invalid: 'a b' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'"
                    )))
    }

    @Test func malformedAdditionsAreBareMessages() async {
        let cluster = FakeCluster()
        await cluster.addTopic("X")
        #expect(
            await runConfigs(Self.topicX + ["--alter", "--add-config", "k1=v1,k2"], on: cluster)
                == ToolRun(status: 1, stdout: "", stderr: AddConfigArguments.invalidFormat + "\n"))
        #expect(
            await runConfigs(Self.topicX + ["--alter", "--add-config", "k!=1"], on: cluster)
                == ToolRun(status: 1, stdout: "", stderr: "Invalid character found for config key: k!\n"))
        #expect(await cluster.calls.isEmpty)
    }

    @Test func addConfigFileAndBrokerDefaults() async throws {
        let cluster = FakeCluster()
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("add.properties").path
        try Data("log.cleaner.threads=2\n# comment\n".utf8).write(to: URL(fileURLWithPath: file))
        let run = await runConfigs(
            Self.bootstrap + ["--alter", "--broker-defaults", "--add-config-file", file], on: cluster)
        #expect(
            run
                == ToolRun(
                    status: 0, stdout: "Completed updating default config for brokers in the cluster.\n", stderr: ""))
        #expect(await cluster.dynamicBrokerConfigs[""] == ["log.cleaner.threads": "2"])
        let missing = Self.bootstrap + ["--alter", "--broker", "1", "--add-config-file", "/nonexistent.properties"]
        #expect(
            await runConfigs(missing, on: cluster)
                == ToolRun(
                    status: 1, stdout: "",
                    stderr: Self.execution(missing, "/nonexistent.properties (No such file or directory)")))
    }

    @Test func describeEveryBrokerAndTheDefault() async {
        let cluster = FakeCluster(brokers: 2)
        await cluster.set(metadataOnly: false)
        _ = await runConfigs(
            Self.bootstrap + ["--alter", "--broker", "2", "--add-config", "log.retention.ms=5"], on: cluster)
        let run = await runConfigs(Self.bootstrap + ["--describe", "--entity-type", "brokers"], on: cluster)
        #expect(
            run.stdout == """
                Dynamic configs for broker 1 are:
                Dynamic configs for broker 2 are:
                  log.retention.ms=5 sensitive=false synonyms={DYNAMIC_BROKER_CONFIG:log.retention.ms=5}
                Default configs for brokers in the cluster are:

                """)
        let all = await runConfigs(Self.bootstrap + ["--describe", "--broker", "1", "--all"], on: cluster)
        #expect(
            all.stdout
                == "All configs for broker 1 are:\n  ssl.keystore.password=null sensitive=true synonyms={STATIC_BROKER_CONFIG:ssl.keystore.password=null}\n"
        )
    }

    @Test func describeAsJSON() async {
        let cluster = FakeCluster()
        await cluster.addTopic("X", overrides: ["retention.ms": "1"])
        let run = await runConfigs(Self.topicX + ["--describe", "--output", "json"], on: cluster)
        #expect(
            run.stdout
                == #"{"entities":[{"entityType":"topics","entityName":"X","default":false,"configs":[{"name":"retention.ms","value":"1","source":"DYNAMIC_TOPIC_CONFIG","sensitive":false,"readOnly":false,"synonyms":[{"name":"retention.ms","value":"1","source":"DYNAMIC_TOPIC_CONFIG"},{"name":"log.retention.hours","value":"604800000","source":"DEFAULT_CONFIG"}]}]}]}"#
                + "\n")
    }

    @Test func unsupportedEntityTypesSaySo() async {
        let run = await runConfigs(Self.bootstrap + ["--describe", "--entity-type", "clients"], on: FakeCluster())
        #expect(run.status == 1 && run.stdout.isEmpty)
        #expect(run.stderr == "kafka-configs: --entity-type clients is not supported yet (it needs the client quota APIs)\n")
        let controller = await runConfigs(
            ["--bootstrap-controller", "c:9093", "--describe", "--topic", "t"], on: FakeCluster())
        #expect(
            controller
                == ToolRun(
                    status: 1, stdout: "",
                    stderr: "kafka-configs: --bootstrap-controller is not supported yet; use --bootstrap-server\n"))
    }

    @Test func anUnreachableClusterIsOneLineNamingIt() async {
        let cluster = FakeCluster()
        await cluster.set(failure: .bootstrapUnreachable(servers: ["127.0.0.1:1"], reason: "Connection refused"))
        let argv = ["--bootstrap-server", "127.0.0.1:1", "--describe", "--topic", "t"]
        let run = await runConfigs(argv, on: cluster)
        #expect(
            run
                == ToolRun(
                    status: 1, stdout: "Dynamic configs for topic t are:\n",
                    stderr: Self.execution(
                        argv, "Could not connect to any bootstrap server (127.0.0.1:1): Connection refused")))
    }
}
