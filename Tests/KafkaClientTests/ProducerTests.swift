import KafkaClient
import KafkaProtocol
import KafkaTestSupport
import NIOConcurrencyHelpers
import NIOCore
import Testing

@Suite struct ProducerTests {
    @Test func keyedRecordsLandWhereTheJavaPartitionerPutsThemWithContiguousOffsets() async throws {
        try await InProcessBroker.with { broker in
            let admin = try KafkaAdminClient(properties: ["bootstrap.servers": broker.bootstrap])
            _ = try await admin.createTopics([NewTopic(name: "keyed", numPartitions: 3)])
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": broker.bootstrap, "linger.ms": "5",
            ])
            #expect(producer.config.idempotent)
            let results = ResultsBox()
            for index in 0..<2000 {
                let key = "key-\(index % 97)"
                try await producer.send(
                    ProducerRecord(topic: "keyed", key: ByteBuffer(string: key), value: ByteBuffer(string: "v\(index)"))
                ) { result in results.add(key: key, result) }
            }
            await producer.flush()
            let all = results.snapshot()
            #expect(all.count == 2000)
            var perPartition: [Int32: [Int64]] = [:]
            for (key, result) in all {
                let metadata = try result.get()
                #expect(metadata.partition == keyedPartition(key: Array(key.utf8), partitionCount: 3))
                perPartition[metadata.partition, default: []].append(metadata.offset)
            }
            for offsets in perPartition.values {
                #expect(offsets.sorted() == Array(0..<Int64(offsets.count)))
            }
            let ends = try await admin.listOffsets(
                Dictionary(uniqueKeysWithValues: (0..<3).map { (TopicPartition(topic: "keyed", partition: $0), OffsetSpec.latest) }))
            #expect(ends.values.map(\.offset).reduce(0, +) == 2000)
            await producer.close()
            await admin.close()
        }
    }

    @Test func sendAndWaitReturnsTheOffsetForEveryCodec() async throws {
        try await InProcessBroker.with { broker in
            for codec in ["none", "gzip", "snappy", "lz4", "zstd"] {
                let producer = try await KafkaProducer(properties: [
                    "bootstrap.servers": broker.bootstrap, "compression.type": codec, "linger.ms": "0",
                ])
                let first = try await producer.sendAndWait(
                    ProducerRecord(topic: "codec-\(codec)", partition: 0, value: ByteBuffer(string: "hello")))
                let second = try await producer.sendAndWait(
                    ProducerRecord(topic: "codec-\(codec)", partition: 0, value: ByteBuffer(string: "world")))
                #expect(first.offset == 0)
                #expect(second.offset == 1)
                await producer.close()
            }
        }
    }

    /// buffer.memory counts batch buffers (Java's BufferPool): with room for three batches, a stream of records
    /// many times that size still goes, in order, and every record is told its own offset exactly once.
    @Test func aSmallBufferMemoryStillDeliversAGroupInOrder() async throws {
        try await InProcessBroker.with { broker in
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": broker.bootstrap, "batch.size": "4096", "buffer.memory": "12288",
                "linger.ms": "1000",
            ])
            let count = 5000
            let records = (0..<count).map { index in
                ProducerRecord(topic: "small-pool", partition: 0, value: ByteBuffer(string: "record-\(index)"))
            }
            let offsets = NIOLockedValueBox<[Int: Int64]>([:])
            let duplicates = NIOLockedValueBox(0)
            await producer.send(contentsOf: records) { index, result in
                let offset = (try? result.get().offset) ?? -2
                offsets.withLockedValue {
                    if $0.updateValue(offset, forKey: index) != nil { duplicates.withLockedValue { $0 += 1 } }
                }
            }
            await producer.flush()
            let seen = offsets.withLockedValue { $0 }
            #expect(duplicates.withLockedValue { $0 } == 0)
            #expect(seen.count == count)
            #expect((0..<count).allSatisfy { seen[$0] == Int64($0) })
            await producer.close()
        }
    }

    @Test func rejectsConflictingExplicitIdempotenceAndShortDeliveryTimeout() throws {
        #expect(throws: KafkaClientError.self) {
            try ProducerConfig(properties: ["bootstrap.servers": "h:1", "enable.idempotence": "true", "acks": "1"])
        }
        let implicit = try ProducerConfig(properties: ["bootstrap.servers": "h:1", "acks": "1"])
        #expect(!implicit.idempotent)
        #expect(throws: KafkaClientError.self) {
            try ProducerConfig(properties: [
                "bootstrap.servers": "h:1", "delivery.timeout.ms": "100", "linger.ms": "50",
                "request.timeout.ms": "100",
            ])
        }
    }

    @Test func aRecordLargerThanMaxRequestSizeIsRefusedAtOnce() async throws {
        try await InProcessBroker.with { broker in
            let producer = try await KafkaProducer(properties: [
                "bootstrap.servers": broker.bootstrap, "max.request.size": "1000",
            ])
            await #expect {
                try await producer.send(
                    ProducerRecord(topic: "t", value: ByteBuffer(repeating: 1, count: 2000)))
            } throws: { error in
                "\(error)".hasPrefix("The message is 2082 bytes when serialized which is larger than 1000")
            }
            await producer.close()
        }
    }
}

/// Collects completions from the producer's callbacks.
final class ResultsBox: Sendable {
    private let results = NIOLockedValueBox<[(String, SendResult)]>([])

    func add(key: String, _ result: SendResult) {
        results.withLockedValue { $0.append((key, result)) }
    }

    func snapshot() -> [(String, SendResult)] {
        results.withLockedValue { $0 }
    }
}
