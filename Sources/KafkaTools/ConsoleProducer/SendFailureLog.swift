import KafkaCLISupport
import KafkaClient
import NIOConcurrencyHelpers
import NIOCore

/// Reports records the producer could not deliver with the line Apache's `ErrorLoggingCallback` logs (the reason on
/// the same line instead of a stack trace), and counts them so that the tool can exit non-zero.
final class SendFailureLog: Sendable {
    static let logger = "org.apache.kafka.clients.producer.internals.ErrorLoggingCallback"

    let topic: String
    private let failures = NIOLockedValueBox(0)
    private let writeError: @Sendable (String) -> Void

    init(topic: String, writeError: @escaping @Sendable (String) -> Void = writeToStandardError) {
        self.topic = topic
        self.writeError = writeError
    }

    var count: Int { failures.withLockedValue { $0 } }

    /// The completion for a batch of records sent together: it keeps only their key and value lengths, so the
    /// records' bytes (slices of the input) are not held until the broker answers.
    func completion(for lengths: [RecordLengths]) -> @Sendable (Int, SendResult) -> Void {
        { index, result in
            if case .failure(let error) = result {
                self.report(error, keyLength: lengths[index].key, valueLength: lengths[index].value)
            }
        }
    }

    func report(_ error: any Error, keyLength: Int?, valueLength: Int?) {
        failures.withLockedValue { $0 += 1 }
        writeError(line(error, keyLength: keyLength, valueLength: valueLength) + "\n")
    }

    /// `Error when sending message to topic T with key: null, value: 5 bytes with error: <reason>`.
    func line(_ error: any Error, keyLength: Int?, valueLength: Int?, timestamp: String = LogLine.now()) -> String {
        let key = keyLength.map { "\($0) bytes" } ?? "null"
        let value = valueLength.map { "\($0) bytes" } ?? "null"
        return LogLine.format(
            level: "ERROR",
            message: "Error when sending message to topic \(topic) with key: \(key), value: \(value) with error: "
                + String(describing: error),
            logger: Self.logger, timestamp: timestamp)
    }
}

/// What `ErrorLoggingCallback` says about a record: its key and value sizes. Kept per record until the broker
/// answers, so packed into 8 bytes (-1 for null; a record is below 2 GiB, max.request.size being an Int32).
struct RecordLengths: Sendable, Hashable {
    private let packedKey: Int32
    private let packedValue: Int32

    init(_ record: ProducerRecord) {
        packedKey = record.key.map { Int32(truncatingIfNeeded: $0.readableBytes) } ?? -1
        packedValue = record.value.map { Int32(truncatingIfNeeded: $0.readableBytes) } ?? -1
    }

    var key: Int? { packedKey < 0 ? nil : Int(packedKey) }
    var value: Int? { packedValue < 0 ? nil : Int(packedValue) }
}
