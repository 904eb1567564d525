import KafkaProtocol
import NIOCore
import Testing

@testable import KafkaTools

/// The byte-level path the tool sends from must give exactly what the `String` path gives, for every case of
/// `LineMessageReaderTests`.
@Suite struct LineMessageReaderByteBufferTests {
    @Test(arguments: LineMessageReaderTests.cases)
    func matchesTheStringPath(_ testCase: LineMessageReaderTests.Case) throws {
        let reader = try LineMessageReader(properties: testCase.properties)
        let viaString: Result<ConsoleRecord, any Error> = Result {
            try reader.read(line: testCase.line, lineNumber: testCase.lineNumber)
        }
        // The line sits inside a larger buffer, as it does in the tool, to catch reader-index mistakes.
        var buffer = ByteBuffer(string: "prefix\n")
        buffer.writeString(testCase.line)
        buffer.writeString("\nsuffix")
        let line = try #require(buffer.getSlice(at: 7, length: testCase.line.utf8.count))
        let viaBytes = Result { try reader.record(fromLine: line, lineNumber: testCase.lineNumber) }
        switch (viaString, viaBytes) {
        case (.success(let expected), .success(let actual)):
            #expect(actual.key.map { Array($0.readableBytesView) } == expected.key)
            #expect(actual.value.map { Array($0.readableBytesView) } == expected.value)
            #expect(
                actual.headers
                    == expected.headers.map { RecordHeader(key: $0.key, value: $0.value.map { ByteBuffer(bytes: $0) }) }
            )
        case (.failure(let expected), .failure(let actual)):
            #expect("\(actual)" == "\(expected)")
        default:
            Issue.record("string path gave \(viaString), byte path gave \(viaBytes)")
        }
    }

    @Test func valueIsASliceOfTheInput() throws {
        let reader = try LineMessageReader(properties: ["parse.key": "true"])
        let buffer = ByteBuffer(string: "key\tvalue")
        let record = try reader.record(fromLine: buffer, lineNumber: 1)
        let value = try #require(record.value)
        // Same storage: the slice starts 4 bytes into the input's memory.
        let inputBase = buffer.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        let valueBase = value.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(valueBase == inputBase + 4)
    }
}
