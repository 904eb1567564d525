import NIOCore

/// A request as it arrived: its header and its decoded body.
public struct DecodedRequest: Sendable {
    public var header: RequestHeader
    public var body: any KafkaRequest

    public var apiKey: ApiKey { type(of: body).apiKey }
    public var version: Int16 { header.requestApiVersion }
}

/// Encoding and decoding of whole frames (header + body), with the header version each API and version needs.
public enum KafkaFrames {
    /// The API key and version at the front of a request frame, read without consuming it.
    public static func peekRequestKey(_ frame: ByteBuffer) throws -> (apiKey: Int16, version: Int16) {
        var copy = frame
        return (try copy.readKafkaInt16(), try copy.readKafkaInt16())
    }

    /// Decodes a request frame (without its size prefix). Throws `KafkaProtocolError.unknownApiKey` for an API this
    /// library does not know and `.unsupportedVersion` for a version the spec does not define.
    public static func decodeRequest(_ frame: ByteBuffer) throws -> DecodedRequest {
        var buffer = frame
        let (rawKey, version) = try peekRequestKey(frame)
        guard let apiKey = ApiKey(rawValue: rawKey) else { throw KafkaProtocolError.unknownApiKey(rawKey) }
        let requestType = apiKey.requestType
        guard requestType.versions.contains(version) else {
            throw KafkaProtocolError.unsupportedVersion(message: requestType.messageName, version: version)
        }
        let header = try RequestHeader(from: &buffer, version: requestType.headerVersion(for: version))
        let body = try requestType.init(from: &buffer, version: version)
        return DecodedRequest(header: header, body: body)
    }

    /// Writes a request frame: size prefix, header, body.
    public static func encodeRequest(
        _ body: some KafkaRequest, version: Int16, correlationId: Int32, clientId: String?,
        into buffer: inout ByteBuffer
    ) throws {
        let header = RequestHeader(
            requestApiKey: type(of: body).apiKey.rawValue, requestApiVersion: version, correlationId: correlationId,
            clientId: clientId)
        try encodeRequest(header: header, body: body, into: &buffer)
    }

    /// Writes a request frame with a given header (its key and version must match the body).
    public static func encodeRequest(header: RequestHeader, body: some KafkaRequest, into buffer: inout ByteBuffer)
        throws
    {
        let bodyType = type(of: body)
        try writeSizePrefixed(into: &buffer) { frame in
            try header.write(into: &frame, version: bodyType.headerVersion(for: header.requestApiVersion))
            try body.write(into: &frame, version: header.requestApiVersion)
        }
    }

    /// Decodes a response frame, given the API and version of the request it answers.
    public static func decodeResponse<Response: KafkaResponse>(
        _ type: Response.Type, version: Int16, frame: ByteBuffer
    ) throws -> (header: ResponseHeader, body: Response) {
        var buffer = frame
        let header = try ResponseHeader(from: &buffer, version: Response.headerVersion(for: version))
        let body = try Response(from: &buffer, version: version)
        return (header, body)
    }

    /// Decodes a response frame when the type is only known at run time (from the request's API key).
    public static func decodeResponse(apiKey: ApiKey, version: Int16, frame: ByteBuffer) throws
        -> (header: ResponseHeader, body: any KafkaResponse)
    {
        var buffer = frame
        let responseType = apiKey.responseType
        let header = try ResponseHeader(from: &buffer, version: responseType.headerVersion(for: version))
        let body = try responseType.init(from: &buffer, version: version)
        return (header, body)
    }

    /// Writes a response frame: size prefix, header, body.
    public static func encodeResponse(
        _ body: some KafkaResponse, version: Int16, correlationId: Int32, into buffer: inout ByteBuffer,
        headerTaggedFields: UnknownTaggedFields = [:]
    ) throws {
        let bodyType = type(of: body)
        let header = ResponseHeader(correlationId: correlationId, unknownTaggedFields: headerTaggedFields)
        try writeSizePrefixed(into: &buffer) { frame in
            try header.write(into: &frame, version: bodyType.headerVersion(for: version))
            try body.write(into: &frame, version: version)
        }
    }

    /// Reserves the 4-byte size, lets `write` fill the frame, then sets the size.
    @inlinable
    public static func writeSizePrefixed(into buffer: inout ByteBuffer, _ write: (inout ByteBuffer) throws -> Void)
        rethrows
    {
        let sizeIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        try write(&buffer)
        buffer.setInteger(Int32(buffer.writerIndex - sizeIndex - 4), at: sizeIndex)
    }
}
