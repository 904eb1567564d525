import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import KafkaClient
@testable import KafkaTools

@Suite struct SendFailureLogTests {
    @Test func apacheShapeOnOneLine() {
        let log = SendFailureLog(topic: "T") { _ in }
        let error = KafkaClientError.timeout("Topic T not present in metadata after 60000 ms.")
        #expect(
            log.line(error, keyLength: nil, valueLength: 5, timestamp: "2024-10-25 10:00:00,123")
                == "[2024-10-25 10:00:00,123] ERROR Error when sending message to topic T with key: null, value: 5 bytes "
                + "with error: Topic T not present in metadata after 60000 ms. "
                + "(org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)")
        #expect(
            log.line(error, keyLength: 3, valueLength: nil, timestamp: "x").contains(
                "with key: 3 bytes, value: null with"))
    }

    @Test func countsFailuresOnly() {
        let log = SendFailureLog(topic: "T") { _ in }
        let completion = log.completion(for: [RecordLengths(ProducerRecord(topic: "T", value: nil))])
        completion(0, .success(RecordMetadata(topic: "T", partition: 0, offset: 1, timestamp: 0)))
        #expect(log.count == 0)
        completion(0, .failure(.closed))
        log.report(KafkaClientError.closed, keyLength: nil, valueLength: nil)
        #expect(log.count == 2)
    }

    @Test func reportsTheRightRecordOfAGroup() {
        let lines = NIOLockedValueBox<[String]>([])
        let log = SendFailureLog(topic: "T") { line in lines.withLockedValue { $0.append(line) } }
        let records = [
            ProducerRecord(topic: "T", value: ByteBuffer(string: "a")),
            ProducerRecord(topic: "T", key: ByteBuffer(string: "key"), value: ByteBuffer(string: "bbbb")),
        ]
        log.completion(for: records.map(RecordLengths.init))(1, .failure(.closed))
        #expect(lines.withLockedValue { $0 }.count == 1)
        #expect(lines.withLockedValue { $0 }.first?.contains("with key: 3 bytes, value: 4 bytes with error: ") == true)
    }

    @Test func unknownConfigWarning() {
        #expect(
            ConsoleProducerTool.unknownConfigWarning("x", timestamp: "ts")
                == "[ts] WARN The configuration 'x' was supplied but isn't a known config. "
                + "(org.apache.kafka.clients.producer.ProducerConfig)")
    }
}
