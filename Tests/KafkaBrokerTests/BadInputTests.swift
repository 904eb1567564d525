import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

/// A bad frame closes its own connection; every other client keeps being served.
@Suite struct BadInputTests {
    private static func expectClosedWhileOthersWork(extra: [String: String] = [:], bytes: [UInt8]) async throws {
        try await TestBroker.with(extra: extra) { broker in
            let bystander = try await TestConnection(port: broker.port)
            let (_, before) = try await bystander.roundTrip(ApiVersionsRequest(), version: 0)
            #expect(before.errorCode == 0)

            let offender = try await TestConnection(port: broker.port)
            try await offender.send(raw: bytes)
            #expect(await offender.nextFrame() == nil)

            let (_, after) = try await bystander.roundTrip(MetadataRequest(), version: 1)
            #expect(after.brokers.count == 1)
            let newcomer = try await TestConnection(port: broker.port)
            let (_, fresh) = try await newcomer.roundTrip(
                ApiVersionsRequest(clientSoftwareName: "newcomer", clientSoftwareVersion: "1"), version: 3)
            #expect(fresh.errorCode == 0)
        }
    }

    @Test func frameAboveTheLimitClosesWithoutReadingTheBody() async throws {
        // Claims 2000 bytes with a 1000-byte limit, and sends only the size: the broker must not wait for the body.
        try await Self.expectClosedWhileOthersWork(
            extra: ["socket.request.max.bytes": "1000"], bytes: [0x00, 0x00, 0x07, 0xD0])
    }

    @Test func hugeClaimedFrameCloses() async throws {
        // "GET " as a size: what an HTTP client sends to a Kafka port.
        try await Self.expectClosedWhileOthersWork(bytes: Array("GET / HTTP/1.1\r\n\r\n".utf8))
    }

    @Test func negativeFrameSizeCloses() async throws {
        try await Self.expectClosedWhileOthersWork(bytes: [0xFF, 0xFF, 0xFF, 0xFE])
    }

    @Test func unknownApiKeyCloses() async throws {
        try await Self.expectClosedWhileOthersWork(bytes: [0, 0, 0, 10, 0x7F, 0x00, 0, 0, 0, 0, 0, 1, 0, 0])
    }

    @Test func knownButUnservedApiCloses() async throws {
        var frame = ByteBuffer()
        try KafkaFrames.encodeRequest(TxnOffsetCommitRequest(), version: 3, correlationId: 1, clientId: "x", into: &frame)
        try await Self.expectClosedWhileOthersWork(bytes: Array(frame.readableBytesView))
    }

    @Test func unsupportedMetadataVersionCloses() async throws {
        var frame = ByteBuffer()
        try KafkaFrames.encodeRequest(MetadataRequest(), version: 13, correlationId: 1, clientId: "x", into: &frame)
        try await Self.expectClosedWhileOthersWork(bytes: Array(frame.readableBytesView))
    }

    @Test func truncatedBodyCloses() async throws {
        // Metadata v1 whose topic array claims 1000 entries that are not there.
        var frame = ByteBuffer()
        KafkaFrames.writeSizePrefixed(into: &frame) { body in
            body.writeInteger(ApiKey.metadata.rawValue)
            body.writeInteger(Int16(1))
            body.writeInteger(Int32(5))
            body.writeInteger(Int16(-1))
            body.writeInteger(Int32(1000))
        }
        try await Self.expectClosedWhileOthersWork(bytes: Array(frame.readableBytesView))
    }

    @Test func tooShortForAHeaderCloses() async throws {
        try await Self.expectClosedWhileOthersWork(bytes: [0, 0, 0, 2, 0, 3])
    }
}
