import KafkaClient
import KafkaProtocol
import NIOCore
import Testing

@testable import KafkaTools

/// `DefaultMessageFormatter`'s exact bytes, property by property (the sequence of Apache's
/// DefaultMessageFormatterTest, with the console consumer's records, which carry no leader epoch).
@Suite struct DefaultMessageFormatterTests {
    typealias Support = FormatterTestSupport

    @Test func eachPropertyInTurn() throws {
        let plain = Support.record()
        var configs: [String: String] = [:]
        #expect(try Support.text(plain, configs) == "value\n")
        configs["print.key"] = "true"
        #expect(try Support.text(plain, configs) == "key\tvalue\n")
        configs["print.partition"] = "true"
        #expect(try Support.text(plain, configs) == "Partition:0\tkey\tvalue\n")
        configs["print.timestamp"] = "true"
        #expect(try Support.text(plain, configs) == "NO_TIMESTAMP\tPartition:0\tkey\tvalue\n")
        configs["print.offset"] = "true"
        #expect(try Support.text(plain, configs) == "NO_TIMESTAMP\tPartition:0\tOffset:123\tkey\tvalue\n")
        configs["print.headers"] = "true"
        #expect(try Support.text(plain, configs) == "NO_TIMESTAMP\tPartition:0\tOffset:123\tNO_HEADERS\tkey\tvalue\n")
        configs["print.delivery"] = "true"
        #expect(
            try Support.text(plain, configs)
                == "NO_TIMESTAMP\tPartition:0\tOffset:123\tDelivery:NOT_PRESENT\tNO_HEADERS\tkey\tvalue\n")
        configs["print.epoch"] = "true"
        #expect(
            try Support.text(plain, configs)
                == "NO_TIMESTAMP\tPartition:0\tOffset:123\tDelivery:NOT_PRESENT\tEpoch:NOT_PRESENT\tNO_HEADERS\tkey\tvalue\n"
        )

        let headers = [RecordHeader(key: "h1", value: "v1"), RecordHeader(key: "h2", value: "v2")]
        let stamped = Support.record(timestamp: 123, type: .createTime, headers: headers)
        #expect(
            try Support.text(stamped, configs)
                == "CreateTime:123\tPartition:0\tOffset:123\tDelivery:NOT_PRESENT\tEpoch:NOT_PRESENT\th1:v1,h2:v2\tkey\tvalue\n"
        )
        configs["print.value"] = "false"
        #expect(
            try Support.text(stamped, configs)
                == "CreateTime:123\tPartition:0\tOffset:123\tDelivery:NOT_PRESENT\tEpoch:NOT_PRESENT\th1:v1,h2:v2\tkey\n"
        )
        configs["key.separator"] = "<sep>"
        configs["print.delivery"] = "false"
        configs["print.epoch"] = "false"
        #expect(
            try Support.text(stamped, configs)
                == "CreateTime:123<sep>Partition:0<sep>Offset:123<sep>h1:v1,h2:v2<sep>key\n")
        configs["line.separator"] = "<end>"
        #expect(
            try Support.text(stamped, configs)
                == "CreateTime:123<sep>Partition:0<sep>Offset:123<sep>h1:v1,h2:v2<sep>key<end>")
        configs["headers.separator"] = "|"
        #expect(
            try Support.text(stamped, configs)
                == "CreateTime:123<sep>Partition:0<sep>Offset:123<sep>h1:v1|h2:v2<sep>key<end>")

        let nullValue = Support.record(value: nil, timestamp: 123, type: .createTime, headers: headers)
        configs["print.value"] = "true"
        configs["null.literal"] = "<null>"
        #expect(
            try Support.text(nullValue, configs)
                == "CreateTime:123<sep>Partition:0<sep>Offset:123<sep>h1:v1|h2:v2<sep>key<sep><null><end>")
    }

    @Test func logAppendTimeAndNegativeTimestamps() throws {
        let record = Support.record(timestamp: 1_700_000_000_123, type: .logAppendTime)
        #expect(try Support.text(record, ["print.timestamp": "true"]) == "LogAppendTime:1700000000123\tvalue\n")
        let negative = Support.record(timestamp: -5, type: .createTime)
        #expect(try Support.text(negative, ["print.timestamp": "true"]) == "CreateTime:-5\tvalue\n")
    }

    @Test func booleansAreTrimmedAndCaseInsensitive() throws {
        let record = Support.record()
        #expect(try Support.text(record, ["print.key": " TRUE "]) == "key\tvalue\n")
        #expect(try Support.text(record, ["print.key": "yes"]) == "value\n")
        #expect(try Support.text(record, ["print.value": "false", "print.key": "true"]) == "key\n")
        // Nothing enabled: nothing at all, not even a line separator.
        #expect(try Support.text(record, ["print.value": "false"]) == "")
    }

    @Test func nullKeyValueAndHeaderValuesPrintTheNullLiteral() throws {
        let record = Support.record(key: nil, value: nil, headers: [RecordHeader(key: "h", value: nil as ByteBuffer?)])
        #expect(try Support.text(record, ["print.key": "true", "print.headers": "true"]) == "h:null\tnull\tnull\n")
        #expect(
            try Support.text(record, ["print.key": "true", "print.headers": "true", "null.literal": ""]) == "h:\t\t\n")
    }

    @Test func rawBytesGoOutUnchanged() throws {
        let record = Support.bytesRecord(value: [0xFF, 0x00, 0xC3, 0x28, 0x0A])
        let formatter = try DefaultMessageFormatter(properties: [:])
        let output = OutputBuffer(capacity: 64) { _ in true }
        try formatter.write(record, to: output)
        #expect(output.pendingBytes == [0xFF, 0x00, 0xC3, 0x28, 0x0A, 0x0A])
    }

    @Test func headerKeysThatAreNotUTF8AreRepairedAsJavaStringsAre() throws {
        let header = RecordHeader(key: ByteBuffer(bytes: [0x61, 0xFF]), value: ByteBuffer(string: "v"))
        let record = Support.record(headers: [header])
        #expect(try Support.text(record, ["print.headers": "true", "print.value": "false"]) == "a\u{FFFD}:v\n")
    }

    @Test func theHeadersDeserializerAppliesToHeaderValues() throws {
        let header = RecordHeader(key: "n", value: ByteBuffer(bytes: [0, 0, 0, 7]))
        let record = Support.record(headers: [header])
        let properties = [
            "print.headers": "true", "headers.deserializer": BuiltInDeserializer.integer.rawValue,
        ]
        #expect(try Support.text(record, properties) == "n:7\tvalue\n")
    }

    @Test func aFailingDeserializerLeavesEarlierFieldsWritten() throws {
        let record = Support.record(key: "k", value: "not a long")
        let properties = [
            "print.key": "true", "print.offset": "true", "value.deserializer": BuiltInDeserializer.long.rawValue,
        ]
        let formatter = try DefaultMessageFormatter(properties: properties)
        let output = OutputBuffer(capacity: 64) { _ in true }
        #expect(throws: FormatterError.serialization("Size of data received by LongDeserializer is not 8")) {
            try formatter.write(record, to: output)
        }
        #expect(String(decoding: output.pendingBytes, as: UTF8.self) == "Offset:123\tk\t")
    }

    @Test func unknownDeserializersAreRefused() {
        #expect(throws: FormatterConfigurationError.self) {
            try DefaultMessageFormatter(properties: ["key.deserializer": "com.example.MyDeserializer"])
        }
        #expect(throws: FormatterConfigurationError.self) {
            try DefaultMessageFormatter(properties: ["value.deserializer": "StringDeserializer"])
        }
        #expect(throws: FormatterConfigurationError.self) {
            try DefaultMessageFormatter(properties: ["value.deserializer": BuiltInDeserializer.listDeserializer])
        }
    }

    @Test func theLoggingFormatterLineKeepsJavasNullKeyQuirk() {
        let record = Support.record(key: nil, timestamp: 5, type: .createTime)
        #expect(ConsoleFormatter.loggingLine(record) == "CreateTime:5, key:null value:value")
        let plain = Support.record(value: nil)
        #expect(ConsoleFormatter.loggingLine(plain) == "key:key, value:null")
    }

    @Test func formatterClassesByJavaName() throws {
        #expect(
            try ConsoleFormatter.Kind(className: "org.apache.kafka.tools.consumer.DefaultMessageFormatter") == .standard
        )
        #expect(
            try ConsoleFormatter.Kind(className: "org.apache.kafka.tools.consumer.LoggingMessageFormatter") == .logging)
        #expect(try ConsoleFormatter.Kind(className: "org.apache.kafka.tools.consumer.NoOpMessageFormatter") == .noOp)
        #expect(
            throws: FormatterConfigurationError(
                message: "The formatter org.apache.kafka.tools.consumer.OffsetsMessageFormatter is not supported yet")
        ) { try ConsoleFormatter.Kind(className: "org.apache.kafka.tools.consumer.OffsetsMessageFormatter") }
        #expect(throws: FormatterConfigurationError.self) {
            try ConsoleFormatter.Kind(className: "kafka.tools.DefaultMessageFormatter")
        }
    }
}
