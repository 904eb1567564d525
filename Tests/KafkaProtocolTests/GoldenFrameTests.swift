import Foundation
import KafkaProtocol
import NIOCore
import Testing

/// Frames captured from real clients (kcat on librdkafka 2.0.2 and 2.16, kafka-python, confluent-kafka) and the
/// Tansu broker's answers (see Fixtures/README.md): each decodes, and re-encodes to the identical bytes.
@Suite struct GoldenFrameTests {
    static let frames: [FrameFixture] = FrameFixture.load(
        from: Bundle.module.resourceURL?.appendingPathComponent("Fixtures/frames"))

    /// Frames captured live by the interop suite (`Tests/Interop/run.sh` sets the folder); empty otherwise.
    static let liveFrames: [FrameFixture] = FrameFixture.load(
        from: ProcessInfo.processInfo.environment["KAFKA_LIVE_FRAMES_DIR"].map { URL(fileURLWithPath: $0) })

    @Test func fixturesArePresent() {
        // Every client and both directions are represented.
        #expect(Self.frames.count > 200)
        for client in ["kcat202", "kcat216", "kafkapython", "confluent"] {
            #expect(Self.frames.contains { $0.client == client && $0.isRequest })
            #expect(Self.frames.contains { $0.client == client && !$0.isRequest })
        }
    }

    @Test(arguments: frames)
    func decodesAndReencodesIdentically(_ fixture: FrameFixture) throws {
        try checkRoundTrip(fixture)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KAFKA_LIVE_FRAMES_DIR"] != nil), arguments: liveFrames)
    func liveFramesDecodeAndReencodeIdentically(_ fixture: FrameFixture) throws {
        try checkRoundTrip(fixture)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["KAFKA_LIVE_FRAMES_DIR"] != nil))
    func liveCaptureHasFramesFromEveryClient() {
        for client in ["kcat202", "kcat216", "kafkapython", "confluent"] {
            #expect(Self.liveFrames.filter { $0.client == client }.count > 20, "few live frames from \(client)")
        }
    }

    private func checkRoundTrip(_ fixture: FrameFixture) throws {
        guard let apiKey = ApiKey(snakeCaseName: fixture.api) else {
            // An API outside the spec (GetTelemetrySubscriptions, sent by librdkafka 2.16) must be refused clearly.
            if fixture.isRequest {
                #expect(throws: KafkaProtocolError.self) { _ = try KafkaFrames.decodeRequest(fixture.bytes) }
            }
            return
        }
        var reencoded = ByteBuffer()
        if fixture.isRequest {
            let request = try KafkaFrames.decodeRequest(fixture.bytes)
            #expect(request.apiKey == apiKey)
            #expect(request.version == fixture.version)
            try KafkaFrames.encodeRequest(header: request.header, body: request.body, into: &reencoded)
        } else {
            let response = try KafkaFrames.decodeResponse(apiKey: apiKey, version: fixture.version, frame: fixture.bytes)
            try KafkaFrames.encodeResponse(
                response.body, version: fixture.version, correlationId: response.header.correlationId,
                into: &reencoded, headerTaggedFields: response.header.unknownTaggedFields)
        }
        reencoded.moveReaderIndex(forwardBy: 4)
        var expected = fixture.bytes
        if Self.mayCarryTrailingBytes(fixture), reencoded.readableBytes < expected.readableBytes {
            expected = expected.getSlice(at: expected.readerIndex, length: reencoded.readableBytes) ?? expected
        }
        #expect(Array(reencoded.readableBytesView) == Array(expected.readableBytesView))
    }

    /// Requests in which a real client sends bytes after the end of the message. Like Apache Kafka and Tansu, the
    /// decoder reads the message and leaves the rest; re-encoding gives the frame without them.
    static func mayCarryTrailingBytes(_ fixture: FrameFixture) -> Bool {
        // librdkafka 2.16's Metadata v12 request for the cluster's brokers has a 7-byte body
        // (`00 00 00 00 01 00 00`) where the message takes 4: null topics, no auto-creation, no authorized
        // operations, no tagged fields; `01 00 00` remain (metadata_request_v12_kcat216_002.hex).
        fixture.isRequest && fixture.api == "metadata" && fixture.client == "kcat216"
    }
}

/// One captured frame: `{api}_{request|response}_v{N}_{client}_{seq}.hex`, header and body without the size prefix.
struct FrameFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let api: String
    let isRequest: Bool
    let version: Int16
    let client: String
    let bytes: ByteBuffer

    var testDescription: String { name }

    static func load(from directory: URL?) -> [FrameFixture] {
        guard let directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.sorted().compactMap { name in
            guard name.hasSuffix(".hex"),
                let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            else { return nil }
            return FrameFixture(name: name, hex: text)
        }
    }

    init?(name: String, hex: String) {
        let stem = name.dropLast(".hex".count)
        guard let direction = stem.range(of: "_request_v") ?? stem.range(of: "_response_v") else { return nil }
        let rest = stem[direction.upperBound...].split(separator: "_")
        guard rest.count >= 2, let version = Int16(rest[0]) else { return nil }
        self.name = name
        self.api = String(stem[..<direction.lowerBound])
        self.isRequest = stem[direction].hasPrefix("_request")
        self.version = version
        self.client = String(rest[1])
        self.bytes = ByteBuffer(bytes: hexBytes(hex))
    }
}

func hexBytes(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.compactMap { UInt8(String($0), radix: 16) }
    return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

extension ApiKey {
    /// `create_topics` → `.createTopics`.
    init?(snakeCaseName: String) {
        guard let key = ApiKey.allCases.first(where: { $0.snakeCaseName == snakeCaseName }) else { return nil }
        self = key
    }

    var snakeCaseName: String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.lowercased()
        }
        return result
    }
}
