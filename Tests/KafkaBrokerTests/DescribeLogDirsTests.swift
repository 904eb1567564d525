import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing
@testable import KafkaBroker

@Suite struct DescribeLogDirsTests {
    /// "topic:partition=size" for each partition of the one result.
    static func flat(_ response: DescribeLogDirsResponse) -> [String] {
        response.results.flatMap { result in
            result.topics.flatMap { topic in topic.partitions.map { "\(topic.name):\($0.partitionIndex)=\($0.partitionSize)" } }
        }
    }

    @Test(arguments: Array(DescribeLogDirsHandler.versions))
    func sizesOfAllOrListedPartitions(version: Int16) async throws {
        try await TestBroker.with { broker in
            _ = try await broker.topicManager.createTopic("b", partitions: 2, configs: [:])
            _ = try await broker.topicManager.createTopic("a", partitions: 1, configs: [:])
            let log = try #require(await broker.topicManager.partitionLog(TopicPartition(topic: "b", partition: 1)))
            let batch = try dataPathBatch()
            _ = try await log.append(batches: batch, leaderEpoch: 0)
            _ = try await log.append(batches: try dataPathBatch(), leaderEpoch: 0)
            let size = Int64(2 * batch.readableBytes)
            #expect(await log.sizeInBytes == size)

            let connection = try await TestConnection(port: broker.port)
            let all = try await connection.roundTrip(DescribeLogDirsRequest(topics: nil), version: version).body
            #expect(all.errorCode == 0)
            #expect(all.results.count == 1)
            let result = try #require(all.results.first)
            #expect(result.errorCode == 0)
            #expect(result.logDir == "/logs")
            #expect(Self.flat(all) == ["a:0=0", "b:0=0", "b:1=\(size)"])
            #expect(result.topics.flatMap(\.partitions).allSatisfy { $0.offsetLag == 0 && !$0.isFutureKey })
            // In-memory log dir: no file system to ask, so "not reported" (and never sent before v4).
            #expect(result.totalBytes == -1)
            #expect(result.isCordoned == false)

            let listed = DescribeLogDirsRequest(topics: [
                .init(topic: "b", partitions: [1, 7]), .init(topic: "ghost", partitions: [0]), .init(topic: "a", partitions: []),
            ])
            let some = try await connection.roundTrip(listed, version: version).body
            #expect(Self.flat(some) == ["b:1=\(size)"])
            let none = try await connection.roundTrip(DescribeLogDirsRequest(topics: []), version: version).body
            #expect(none.results.first?.topics.isEmpty == true)
        }
    }

    @Test func diskSpaceOfARealDirectory() throws {
        let space = try #require(DiskSpace.of("/tmp"))
        #expect(space.total > 0)
        #expect(space.usable >= 0 && space.usable <= space.total)
        #expect(DiskSpace.of("/no/such/dir/here") == nil)
        #expect(DiskSpace.canonical("/tmp/../tmp") == DiskSpace.canonical("/tmp"))
        #expect(DiskSpace.canonical("/no/such") == "/no/such")
    }

    @Test func totalAndUsableBytesOnAPosixLogDir() async throws {
        let directory = "/tmp/describe-log-dirs-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? PosixFileSystem().removeDirectory(directory) }
        try await TestBroker.with(extra: ["log.dirs": directory], fileSystem: PosixFileSystem()) { broker in
            let connection = try await TestConnection(port: broker.port)
            let v4 = try await connection.roundTrip(DescribeLogDirsRequest(topics: nil), version: 4).body
            let result = try #require(v4.results.first)
            #expect(result.logDir == directory)
            #expect(result.totalBytes > 0)
            #expect(result.usableBytes >= 0)
            let v3 = try await connection.roundTrip(DescribeLogDirsRequest(topics: nil), version: 3).body
            #expect(v3.results.first?.totalBytes == -1)
        }
    }
}
