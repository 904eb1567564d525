import KafkaProtocol
import NIOCore
import Testing

/// The three header quirks are data in the spec; these tests pin what the generator made of them.
@Suite struct HeaderQuirkTests {
    @Test func apiVersionsResponsesAlwaysUseHeaderV0() {
        for version in ApiVersionsResponse.versions {
            #expect(ApiVersionsResponse.headerVersion(for: version) == 0)
        }
        #expect(ApiVersionsRequest.headerVersion(for: 3) == 2)
        #expect(MetadataResponse.headerVersion(for: 9) == 1)
        #expect(MetadataResponse.headerVersion(for: 8) == 0)
    }

    @Test func controlledShutdownV0UsesRequestHeaderV0() {
        #expect(ControlledShutdownRequest.headerVersion(for: 0) == 0)
        #expect(ControlledShutdownRequest.headerVersion(for: 1) == 1)
        #expect(ControlledShutdownRequest.headerVersion(for: 3) == 2)
    }

    @Test func requestHeaderV2KeepsANonCompactClientId() throws {
        let header = RequestHeader(requestApiKey: 18, requestApiVersion: 3, correlationId: 7, clientId: "rdkafka")
        var buffer = ByteBuffer()
        try header.write(into: &buffer, version: 2)
        // key, version, correlation id, int16 length 7, "rdkafka", empty tagged-field section.
        #expect(Array(buffer.readableBytesView) == [0, 18, 0, 3, 0, 0, 0, 7, 0, 7] + Array("rdkafka".utf8) + [0])
    }
}
