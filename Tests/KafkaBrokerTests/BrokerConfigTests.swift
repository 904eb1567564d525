import Testing
@testable import KafkaBroker

@Suite struct BrokerConfigTests {
    @Test func defaultsWithoutAFile() throws {
        let config = try BrokerConfig.load(file: nil, overrides: [])
        #expect(config.nodeId == 1)
        #expect(config.listeners == [ListenerSpec(name: "PLAINTEXT", host: "localhost", port: 9092)])
        #expect(config.logDirs == ["/tmp/kraft-combined-logs"])
        #expect(config.numPartitions == 1)
        #expect(config.offsetsTopicNumPartitions == 50)
        #expect(config.logRetentionMs == 168 * 3_600_000)
        #expect(config.logSegmentBytes == 1_073_741_824)
        #expect(config.messageMaxBytes == 1_048_588)
        #expect(config.socketRequestMaxBytes == 104_857_600)
        #expect(config.offsetsRetentionMinutes == 10_080)
        #expect(config.groupInitialRebalanceDelayMs == 3_000)
        #expect(config.logMessageTimestampType == .createTime)
        #expect(config.unknownKeys.isEmpty)
    }

    @Test func apacheSampleKRaftNode() throws {
        let config = try BrokerConfig(values: [
            "process.roles": "broker,controller", "node.id": "3",
            "controller.quorum.bootstrap.servers": "localhost:9093",
            "controller.quorum.voters": "3@localhost:9093",
            "listeners": "PLAINTEXT://:9092,CONTROLLER://:9093", "inter.broker.listener.name": "PLAINTEXT",
            "advertised.listeners": "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093",
            "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "num.network.threads": "3", "log.dirs": "/a, /b",
        ])
        #expect(config.nodeId == 3)
        #expect(config.servedListeners == [ListenerSpec(name: "PLAINTEXT", host: "", port: 9092)])
        #expect(config.advertised(for: config.servedListeners[0]) == ListenerSpec(name: "PLAINTEXT", host: "localhost", port: 9092))
        #expect(config.logDirs == ["/a", "/b"])
        #expect(config.unknownKeys.isEmpty)
    }

    @Test func retentionPrecedenceMsOverMinutesOverHours() throws {
        #expect(try BrokerConfig(values: ["log.retention.hours": "2"]).logRetentionMs == 7_200_000)
        #expect(try BrokerConfig(values: ["log.retention.hours": "2", "log.retention.minutes": "3"]).logRetentionMs == 180_000)
        #expect(
            try BrokerConfig(values: ["log.retention.hours": "2", "log.retention.minutes": "3", "log.retention.ms": "5"])
                .logRetentionMs == 5)
        #expect(try BrokerConfig(values: ["log.retention.hours": "-1"]).logRetentionMs == -1)
        #expect(try BrokerConfig(values: ["log.roll.hours": "1", "log.roll.ms": "42"]).logRollMs == 42)
        #expect(try BrokerConfig(values: ["log.roll.hours": "1"]).logRollMs == 3_600_000)
    }

    @Test func logDirFallsBackToLogDir() throws {
        #expect(try BrokerConfig(values: ["log.dir": "/x"]).logDirs == ["/x"])
        #expect(try BrokerConfig(values: ["log.dir": "/x", "log.dirs": "/y"]).logDirs == ["/y"])
    }

    @Test func typedValues() throws {
        let config = try BrokerConfig(values: [
            "auto.create.topics.enable": "FALSE", "delete.topic.enable": " true ", "num.partitions": "3",
            "log.message.timestamp.type": "LogAppendTime", "log.flush.interval.messages": "1",
            "log.flush.interval.ms": "1000", "socket.request.max.bytes": "1024", "offsets.topic.num.partitions": "1",
        ])
        #expect(config.autoCreateTopicsEnable == false)
        #expect(config.deleteTopicEnable == true)
        #expect(config.numPartitions == 3)
        #expect(config.logMessageTimestampType == .logAppendTime)
        #expect(config.logFlushIntervalMessages == 1)
        #expect(config.logFlushIntervalMs == 1000)
        #expect(config.socketRequestMaxBytes == 1024)
        #expect(config.offsetsTopicNumPartitions == 1)
    }

    @Test(arguments: [
        ("num.partitions", "abc", "Invalid value abc for configuration num.partitions: Not a number of type INT"),
        ("num.partitions", "0", "Invalid value 0 for configuration num.partitions: Value must be at least 1"),
        ("log.retention.ms", "x", "Invalid value x for configuration log.retention.ms: Not a number of type LONG"),
        (
            "auto.create.topics.enable", "yes",
            "Invalid value yes for configuration auto.create.topics.enable: Expected value to be either true or false"
        ),
        (
            "log.message.timestamp.type", "Now",
            "Invalid value Now for configuration log.message.timestamp.type: String must be one of: CreateTime, LogAppendTime"
        ),
        (
            "listeners", "PLAINTEXT:/localhost:9092",
            "Invalid value PLAINTEXT:/localhost:9092 for configuration listeners: Unable to parse PLAINTEXT:/localhost:9092 to a broker endpoint"
        ),
        (
            "process.roles", "controller",
            "Invalid value controller for configuration process.roles: Expected broker or broker,controller"
        ),
    ])
    func invalidValuesNameKeyAndValue(key: String, value: String, message: String) {
        do {
            _ = try BrokerConfig(values: [key: value])
            Issue.record("\(key)=\(value) was accepted")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func tlsListenerWithoutKeystoreIsRefusedButControllerIsIgnored() throws {
        #expect(throws: ConfigError.self) {
            try BrokerConfig(values: ["listeners": "SSL://:9093"])
        }
        let config = try BrokerConfig(values: [
            "listeners": "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:9093", "controller.listener.names": "CONTROLLER",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:SSL",
        ])
        #expect(config.servedListeners.map(\.name) == ["PLAINTEXT"])
    }

    @Test func unknownKeysAreCollectedForAWarning() throws {
        let config = try BrokerConfig(values: ["no.such.key": "1", "num.io.threads": "8", "listener.name.x.y": "z"])
        #expect(config.unknownKeys == ["no.such.key"])
    }

    @Test func overridesApplyInOrderAndNeedAnEquals() throws {
        let config = try BrokerConfig.load(file: nil, overrides: ["num.partitions=2", "num.partitions=4", "node.id=7"])
        #expect(config.numPartitions == 4)
        #expect(config.nodeId == 7)
        #expect(throws: ConfigError.malformedOverride("num.partitions")) {
            try BrokerConfig.load(file: nil, overrides: ["num.partitions"])
        }
    }

    @Test func missingFileIsOneClearError() {
        do {
            _ = try BrokerConfig.load(file: "/nonexistent/server.properties", overrides: [])
            Issue.record("a missing file was accepted")
        } catch {
            #expect("\(error)".hasPrefix("Cannot read the properties file /nonexistent/server.properties: cannot open"))
        }
    }

    @Test func listenerParsing() throws {
        let listeners = try ListenerSpec.parseList("plaintext://[::1]:9092, INTERNAL://host.example:0", key: "listeners")
        #expect(listeners == [
            ListenerSpec(name: "PLAINTEXT", host: "::1", port: 9092),
            ListenerSpec(name: "INTERNAL", host: "host.example", port: 0),
        ])
        #expect(throws: ConfigError.self) { try ListenerSpec.parseList("PLAINTEXT://a:70000", key: "listeners") }
        #expect(throws: ConfigError.self) {
            try ListenerSpec.parseList("PLAINTEXT://a:1,PLAINTEXT://b:2", key: "listeners")
        }
    }
}
