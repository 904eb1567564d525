import KafkaProtocol
import NIOCore
import Testing

/// Every generated message, at every version, in two variants (all fields set; nulls and empties where allowed):
/// encode → decode gives the same value, and re-encoding gives the same bytes.
@Suite struct RoundTripTests {
    @Test(arguments: allSampleableMessages.indices)
    func everyVersionRoundTrips(index: Int) throws {
        try roundTrip(allSampleableMessages[index])
    }

    private func roundTrip<Message: SampleableMessage>(_ type: Message.Type) throws {
        for version in Message.versions {
            for variant in 0...1 {
                let sample = Message.sample(version: version, variant: variant)
                var encoded = ByteBuffer()
                try sample.write(into: &encoded, version: version)
                var reader = encoded
                let decoded = try Message(from: &reader, version: version)
                #expect(decoded == sample, "\(Message.messageName) v\(version) variant \(variant)")
                #expect(reader.readableBytes == 0, "\(Message.messageName) v\(version) left bytes unread")
                var reencoded = ByteBuffer()
                try decoded.write(into: &reencoded, version: version)
                #expect(reencoded == encoded, "\(Message.messageName) v\(version) re-encoding differs")
            }
        }
    }

    /// Cutting any encoded message short must throw, never crash or succeed with made-up values.
    @Test(arguments: allSampleableMessages.indices)
    func truncatedInputThrows(index: Int) throws {
        try truncation(allSampleableMessages[index])
    }

    private func truncation<Message: SampleableMessage>(_ type: Message.Type) throws {
        for version in Message.versions {
            var encoded = ByteBuffer()
            try Message.sample(version: version, variant: 0).write(into: &encoded, version: version)
            guard encoded.readableBytes > 0 else { continue }
            for cut in Set([1, encoded.readableBytes / 2, encoded.readableBytes - 1]) where cut < encoded.readableBytes {
                var short = encoded.getSlice(at: encoded.readerIndex, length: cut) ?? ByteBuffer()
                #expect(throws: KafkaProtocolError.self, "\(Message.messageName) v\(version) cut at \(cut)") {
                    _ = try Message(from: &short, version: version)
                }
            }
        }
    }

    @Test func versionsOutsideTheSpecAreRejected() throws {
        var buffer = ByteBuffer()
        #expect(throws: KafkaProtocolError.unsupportedVersion(message: "ApiVersionsRequest", version: 99)) {
            try ApiVersionsRequest().write(into: &buffer, version: 99)
        }
        #expect(throws: KafkaProtocolError.unsupportedVersion(message: "CreateTopicsRequest", version: -1)) {
            _ = try CreateTopicsRequest(from: &buffer, version: -1)
        }
    }

    /// As in Apache's generated code: a non-ignorable field with a value the version cannot carry is an error.
    @Test func fieldsTheVersionCannotCarryAreRejected() throws {
        var request = CreateTopicsRequest()
        request.validateOnly = true
        var buffer = ByteBuffer()
        #expect(throws: KafkaProtocolError.fieldNotSupported(message: "CreateTopicsRequest", field: "ValidateOnly", version: 0)) {
            try request.write(into: &buffer, version: 0)
        }
        buffer.clear()
        try request.write(into: &buffer, version: 1)
        #expect(buffer.readableBytes > 0)
    }

    @Test func nullWhereTheVersionForbidsItIsRejected() throws {
        // Metadata's topic list is nullable ("all topics") only from v1.
        let request = MetadataRequest(topics: nil)
        var buffer = ByteBuffer()
        #expect(throws: KafkaProtocolError.nullNotAllowed(message: "MetadataRequest", field: "Topics", version: 0)) {
            try request.write(into: &buffer, version: 0)
        }
        buffer.clear()
        try request.write(into: &buffer, version: 1)
        #expect(Array(buffer.readableBytesView) == [0xff, 0xff, 0xff, 0xff])
    }
}
