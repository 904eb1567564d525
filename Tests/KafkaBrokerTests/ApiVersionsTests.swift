import KafkaProtocol
import NIOCore
import Testing
@testable import KafkaBroker

@Suite struct ApiVersionsTests {
    @Test func tableComesFromTheRegistry() {
        let table = HandlerRegistry.standard.supportedApis
        #expect(table.map(\.apiKey) == table.map(\.apiKey).sorted())
        for entry in HandlerRegistry.standard.entries.values {
            #expect(table.contains(
                ApiVersionsResponse.ApiVersion(
                    apiKey: entry.apiKey.rawValue, minVersion: entry.versions.lowerBound,
                    maxVersion: entry.versions.upperBound)))
        }
        #expect(table.first { $0.apiKey == ApiKey.apiVersions.rawValue }?.maxVersion == ApiVersionsHandler.versions.upperBound)
        #expect(table.first { $0.apiKey == ApiKey.metadata.rawValue }?.maxVersion == MetadataHandler.versions.upperBound)
    }

    @Test(arguments: Array(ApiVersionsHandler.versions))
    func everyServedVersionAnswersWithTheTable(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = ApiVersionsRequest(clientSoftwareName: "test-client", clientSoftwareVersion: "1.0")
            let (header, body) = try await connection.roundTrip(request, version: version, correlationId: 4242)
            #expect(header.correlationId == 4242)
            #expect(body.errorCode == 0)
            #expect(body.apiKeys == HandlerRegistry.standard.supportedApis)
            #expect(body.supportedFeatures.isEmpty && body.finalizedFeatures.isEmpty)
        }
    }

    @Test func responseCarriesNoTaggedFields() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            try await connection.send(
                ApiVersionsRequest(clientSoftwareName: "librdkafka", clientSoftwareVersion: "2.0.2"), version: 3,
                correlationId: 1)
            var frame = try #require(await connection.nextFrame())
            // Header v0 (correlation id), error code, compact array of (key, min, max, tags=0), throttle, tags=0.
            let table = HandlerRegistry.standard.supportedApis
            #expect(frame.readableBytes == 4 + 2 + 1 + table.count * 7 + 4 + 1)
            frame.moveReaderIndex(to: frame.writerIndex - 1)
            #expect(frame.readInteger(as: UInt8.self) == 0)
        }
    }

    @Test(arguments: [Int16(5), 9, Int16.max])
    func tooNewVersionGetsAV0AnswerWithUnsupportedVersion(version: Int16) async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            // Built by hand only in its first bytes: a version the library cannot encode, as a newer client sends.
            var frame = ByteBuffer()
            KafkaFrames.writeSizePrefixed(into: &frame) { body in
                body.writeInteger(ApiKey.apiVersions.rawValue)
                body.writeInteger(version)
                body.writeInteger(Int32(99))
                body.writeInteger(Int16(-1))
                body.writeBytes([0, 0xde, 0xad])
            }
            try await connection.send(raw: Array(frame.readableBytesView))
            let answer = try #require(await connection.nextFrame())
            let (header, body) = try KafkaFrames.decodeResponse(ApiVersionsResponse.self, version: 0, frame: answer)
            #expect(header.correlationId == 99)
            #expect(body.errorCode == ErrorCode.unsupportedVersion.rawValue)
            #expect(body.apiKeys == HandlerRegistry.standard.supportedApis)
            // The connection stays usable: the client retries at a version it now knows.
            let (_, retry) = try await connection.roundTrip(ApiVersionsRequest(), version: 2)
            #expect(retry.errorCode == 0)
        }
    }

    @Test func invalidClientSoftwareNameIsInvalidRequest() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            let request = ApiVersionsRequest(clientSoftwareName: "bad name!", clientSoftwareVersion: "1")
            let (_, body) = try await connection.roundTrip(request, version: 3)
            #expect(body.errorCode == ErrorCode.invalidRequest.rawValue)
            #expect(body.apiKeys.isEmpty)
        }
    }

    @Test func softwareFieldPattern() {
        #expect(ApiVersionsHandler.isValidSoftwareField("librdkafka"))
        #expect(ApiVersionsHandler.isValidSoftwareField("2.0.2-RC1"))
        #expect(ApiVersionsHandler.isValidSoftwareField("a"))
        #expect(!ApiVersionsHandler.isValidSoftwareField(""))
        #expect(!ApiVersionsHandler.isValidSoftwareField("-x"))
        #expect(!ApiVersionsHandler.isValidSoftwareField("x."))
        #expect(!ApiVersionsHandler.isValidSoftwareField("a b"))
    }

    @Test func requestsOnOneConnectionAreAnsweredInOrder() async throws {
        try await TestBroker.with { broker in
            let connection = try await TestConnection(port: broker.port)
            for id in 0..<50 {
                if id % 2 == 0 {
                    try await connection.send(MetadataRequest(), version: 1, correlationId: Int32(id))
                } else {
                    try await connection.send(ApiVersionsRequest(), version: 1, correlationId: Int32(id))
                }
            }
            for id in 0..<50 {
                let frame = try #require(await connection.nextFrame())
                #expect(frame.getInteger(at: frame.readerIndex, as: Int32.self) == Int32(id))
            }
        }
    }
}
