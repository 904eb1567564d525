import KafkaProtocol
import KafkaStorage
import NIOCore
import Testing

@Suite struct FormatTests {
    @Test func offsetCheckpointIsKafkasText() throws {
        let offsets = [
            TopicPartition(topic: "demo", partition: 1): Int64(42), TopicPartition(topic: "demo", partition: 0): 7,
            TopicPartition(topic: "__consumer_offsets", partition: 12): 0,
        ]
        let golden = "0\n3\n__consumer_offsets 12 0\ndemo 0 7\ndemo 1 42\n"
        #expect(OffsetCheckpointFile.format(offsets) == golden)
        #expect(try OffsetCheckpointFile.parse(golden) == offsets)
        #expect(OffsetCheckpointFile.format([:]) == "0\n0\n")
        #expect(throws: StorageError.self) { try OffsetCheckpointFile.parse("1\n0\n") }
        #expect(throws: StorageError.self) { try OffsetCheckpointFile.parse("0\n2\ndemo 0 1\n") }
    }

    @Test func leaderEpochCheckpointIsKafkasText() throws {
        let entries = [EpochEntry(epoch: 0, startOffset: 0), EpochEntry(epoch: 3, startOffset: 1200)]
        #expect(LeaderEpochCheckpointFile.format(entries) == "0\n2\n0 0\n3 1200\n")
        #expect(try LeaderEpochCheckpointFile.parse("0\n2\n0 0\n3 1200\n") == entries)
    }

    @Test func partitionMetadataIsKafkasText() throws {
        let id = try #require(KafkaUUID(base64: "kqBSG0WfRR6PCnJiD-yXGA"))
        #expect(PartitionMetadataFile.format(topicID: id) == "version: 0\ntopic_id: kqBSG0WfRR6PCnJiD-yXGA\n")
        #expect(try PartitionMetadataFile.parse("version: 0\ntopic_id: kqBSG0WfRR6PCnJiD-yXGA\n") == id)
    }

    @Test func metaPropertiesMatchesKafkasPropertiesStore() throws {
        let directoryID = try #require(KafkaUUID(base64: "6bRuPSjFRaKqrIk7eR5gBA"))
        let meta = MetaProperties(clusterID: "MkU3OEVBNTcwNTJENDM2Qk", nodeID: 1, directoryID: directoryID)
        let golden = """
            #
            #Tue Jan 07 05:07:18 UTC 2025
            node.id=1
            directory.id=6bRuPSjFRaKqrIk7eR5gBA
            version=1
            cluster.id=MkU3OEVBNTcwNTJENDM2Qk

            """
        #expect(meta.format(date: 1_736_226_438) == golden)
        #expect(try MetaProperties.parse(golden) == meta)
    }

    @Test func segmentFileNames() {
        #expect(LogFileNames.logFile(baseOffset: 0) == "00000000000000000000.log")
        #expect(LogFileNames.indexFile(baseOffset: 368_769) == "00000000000000368769.index")
        #expect(LogFileNames.baseOffset(ofFileNamed: "00000000000000368769.timeindex", suffix: ".timeindex") == 368_769)
        #expect(LogFileNames.parsePartitionDirectory("my-topic-12")! == ("my-topic", 12))
        #expect(LogFileNames.parsePartitionDirectory("__topic_configs") == nil)
        #expect(LogFileNames.parsePartitionDirectory("t-0.abc-delete") == nil)
    }

    @Test func scannerReportsLegacyEntriesPositionsAndAPartialTail() throws {
        let fileSystem = InMemoryFileSystem()
        try fileSystem.createDirectory("/d")
        var bytes: [UInt8] = []
        var positions: [Int64] = []
        for name in ["kafkapython_none_magic0", "kafkapython_none_magic1", "kcat216_lz4"] {
            positions.append(Int64(bytes.count))
            bytes += Array(try Fixtures.batch(name).readableBytesView)
        }
        let whole = bytes.count
        bytes += Array(bytes[0..<40])
        fileSystem.setContents(bytes, of: "/d/00000000000000000000.log")
        var scanner = try LogFileScanner(
            file: try fileSystem.openFile("/d/00000000000000000000.log", create: false), chunkSize: 64)
        var seen: [(Int64, Int8)] = []
        while let (header, entry) = try scanner.nextEntry() {
            seen.append((header.position, header.magic))
            #expect(entry.readableBytes == header.sizeInBytes)
        }
        #expect(Set(positions).isSubset(of: seen.map(\.0)))  // each fixture starts an entry; legacy ones hold several
        #expect(Set(seen.map(\.1)).isSuperset(of: [0, 1, 2]))
        #expect(scanner.tail?.position == Int64(whole) && scanner.tail?.length == 40)
        #expect(scanner.tail?.reason == .partialEntry)
    }
}
