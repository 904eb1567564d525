import KafkaProtocol
import NIOCore
import NIOTestUtils
import Testing

@Suite struct FrameDecoderTests {
    private func frame(_ payload: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(payload.count))
        buffer.writeBytes(payload)
        return buffer
    }

    @Test func splitsFramesInEveryInputPattern() throws {
        let payloads: [[UInt8]] = [[], [1], Array(0..<200), [9, 9, 9]]
        // The verifier drip-feeds bytes one at a time, sends several frames per buffer, and so on.
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: payloads.map { (frame($0), [ByteBuffer(bytes: $0)]) },
            decoderFactory: { KafkaFrameDecoder(maxFrameLength: 1024) })
    }

    @Test func refusesFramesOverTheLimitBeforeBufferingThem() {
        var decoder = KafkaFrameDecoder(maxFrameLength: 16)
        var oversized = ByteBuffer(bytes: [0, 0, 0, 17, 1])
        #expect(throws: KafkaFrameError.invalidFrameSize(17, max: 16)) { _ = try decoder.decode(buffer: &oversized) }
        var negative = ByteBuffer(bytes: [0xff, 0xff, 0xff, 0xff])
        #expect(throws: KafkaFrameError.invalidFrameSize(-1, max: 16)) { _ = try decoder.decode(buffer: &negative) }
    }

    @Test func requestFramesRoundTripThroughTheHeaderVersionTheirApiNeeds() throws {
        var buffer = ByteBuffer()
        try KafkaFrames.encodeRequest(
            ApiVersionsRequest(clientSoftwareName: "kafka-tools", clientSoftwareVersion: "0.1"), version: 3,
            correlationId: 42, clientId: "cli", into: &buffer)
        var decoder = KafkaFrameDecoder()
        let payload = try #require(try decoder.decode(buffer: &buffer))
        let request = try KafkaFrames.decodeRequest(payload)
        #expect(request.header.correlationId == 42)
        #expect(request.header.clientId == "cli")
        #expect(request.apiKey == .apiVersions)
        let body = try #require(request.body as? ApiVersionsRequest)
        #expect(body.clientSoftwareName == "kafka-tools")
    }

    @Test func unknownApiKeysAndVersionsAreReportedAsSuch() {
        let unknownKey = ByteBuffer(bytes: [0x7f, 0x00, 0, 0, 0, 0, 0, 1])
        #expect(throws: KafkaProtocolError.unknownApiKey(0x7f00)) { _ = try KafkaFrames.decodeRequest(unknownKey) }
        let unknownVersion = ByteBuffer(bytes: [0, 18, 0x7f, 0, 0, 0, 0, 1])
        #expect(throws: KafkaProtocolError.unsupportedVersion(message: "ApiVersionsRequest", version: 0x7f00)) {
            _ = try KafkaFrames.decodeRequest(unknownVersion)
        }
    }
}
