import Logging
import NIOConcurrencyHelpers
import Testing
@testable import KafkaBroker

@Suite struct KafkaLogHandlerTests {
    @Test func kafkaLayout() throws {
        let lines = NIOLockedValueBox<[String]>([])
        let handler = KafkaLogHandler(
            label: "kafka.server.KafkaServer", output: KafkaLogOutput { line in lines.withLockedValue { $0.append(line) } })
        let logger = Logger(label: "kafka.server.KafkaServer", factory: { _ in handler })
        logger.info("[KafkaServer id=1] started")
        logger.warning("careful")
        logger.debug("not shown at the default level")
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 2)
        let line = try #require(written.first)
        // [2025-01-07 05:07:18,136] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)
        let bytes = Array(line.utf8)
        #expect(bytes.count == 26 + "INFO [KafkaServer id=1] started (kafka.server.KafkaServer)\n".utf8.count)
        #expect(line.hasPrefix("[2"))
        #expect(bytes[5] == UInt8(ascii: "-") && bytes[11] == UInt8(ascii: " ") && bytes[20] == UInt8(ascii: ","))
        #expect(line.hasSuffix("] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)\n"))
        #expect(written.last?.hasSuffix("] WARN careful (kafka.server.KafkaServer)\n") == true)
    }

    @Test func timestampIsZeroPadded() {
        // 1970-01-01 00:00:05.007 UTC, shown in local time: only the shape is fixed.
        let text = KafkaLogTimestamp.format(seconds: 5, milliseconds: 7)
        #expect(text.utf8.count == 23)
        #expect(text.hasSuffix(",007"))
    }
}
