import KafkaProtocol
import KafkaStorage
import Logging
import NIOCore

/// Real client batches from the protocol tests' fixtures (hex text, whitespace ignored).
enum Fixtures {
    static let directory: String = {
        // #filePath is .../Tests/KafkaStorageTests/Fixtures.swift.
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(2)
        return components.joined(separator: "/") + "/KafkaProtocolTests/Fixtures/batches"
    }()

    static func batch(_ name: String) throws -> ByteBuffer {
        let file = try PosixFileSystem().openFile(directory + "/" + name + ".hex", create: false)
        let text = try file.read(at: 0, length: Int(try file.size()), allocator: ByteBufferAllocator())
        var buffer = ByteBuffer()
        var high: UInt8?
        for character in text.readableBytesView {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            default: continue
            }
            if let first = high {
                buffer.writeInteger(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return buffer
    }

    /// v2 fixtures from every client and codec.
    static let v2Names = [
        "kcat216_none", "kcat216_gzip", "kcat202_snappy", "kcat202_lz4", "kcat202_zstd", "confluent_none",
        "confluent_zstd", "confluent_none_idempotent", "kafkapython_none", "kafkapython_gzip",
    ]

    static let quietLogger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()
}

/// A fresh partition log on an in-memory disk.
struct LogHarness {
    let fileSystem: InMemoryFileSystem
    let directory = "/logs/test-0"
    var config: LogConfig

    init(config: LogConfig = LogConfig(segmentIndexBytes: 4096), fileSystem: InMemoryFileSystem = InMemoryFileSystem()) {
        self.config = config
        self.fileSystem = fileSystem
    }

    func open(clean: Bool = true, recoveryPoint: Int64 = 0, logStartOffset: Int64 = 0) throws -> (PartitionLog, RecoveryReport) {
        try PartitionLog.open(
            directory: directory, topicPartition: TopicPartition(topic: "test", partition: 0), topicID: .zero,
            fileSystem: fileSystem, config: config, logger: Fixtures.quietLogger, recoveryPoint: recoveryPoint,
            logStartOffset: logStartOffset, hadCleanShutdown: clean)
    }
}

/// The base offsets, last offsets and CRC validity of the batches in a blob.
func batchSummaries(_ records: ByteBuffer) throws -> [(base: Int64, last: Int64, valid: Bool)] {
    var reader = RecordBatchReader(records)
    var result: [(Int64, Int64, Bool)] = []
    while let entry = try reader.next() {
        guard case .batch(let batch) = entry else { continue }
        result.append((batch.header.baseOffset, batch.header.lastOffset, batch.crcIsValid))
    }
    return result
}

/// A v2 batch of `count` uncompressed records stamped `timestamp`, `timestamp + 1`, ...
func makeBatch(count: Int, timestamp: Int64 = currentTimeMillis(), valueSize: Int = 100) throws -> ByteBuffer {
    var builder = RecordBatchBuilder()
    var value = ByteBuffer()
    value.writeRepeatingByte(7, count: valueSize)
    for index in 0..<count {
        try builder.append(key: nil, value: value, timestamp: timestamp + Int64(index))
    }
    var buffer = ByteBuffer()
    try builder.write(into: &buffer)
    return buffer
}
