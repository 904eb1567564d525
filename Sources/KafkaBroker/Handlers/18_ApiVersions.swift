import KafkaProtocol

// ApiVersions: v0–v4
//
// Behaviour:
// * Answers with the registry's table (`HandlerRegistry.supportedApis`), never a hand-kept list.
// * A request newer than v4 cannot be decoded, so the dispatcher answers it with `unsupportedVersionResponse`:
//   a v0 response with UNSUPPORTED_VERSION (35) and the table, so the client retries with a version it can use.
//   (Apache's v0 error answer lists only the ApiVersions entry; the whole table serves clients just as well.)
// * v3+: ClientSoftwareName/Version must match Apache's pattern, else INVALID_REQUEST and no table.
// * No features are advertised and every tagged field stays at its default, so none is written: Debian's
//   librdkafka 2.0.2 mis-parses non-default tagged fields in this response.
//
// Version notes:
// * v1: ThrottleTimeMs
// * v3: flexible; ClientSoftwareName/Version; tagged feature fields (the response header stays v0)
// * v4: same shape
// * v5 (not served): ClusterId and NodeId in the request
public struct ApiVersionsHandler: RequestHandler {
    public typealias Request = ApiVersionsRequest
    public static let versions: ClosedRange<Int16> = 0...4

    public init() {}

    public func handle(header: RequestHeader, request: ApiVersionsRequest, context: RequestContext) async
        -> ApiVersionsResponse
    {
        var response = ApiVersionsResponse()
        if header.requestApiVersion >= 3,
            !Self.isValidSoftwareField(request.clientSoftwareName)
                || !Self.isValidSoftwareField(request.clientSoftwareVersion)
        {
            response.errorCode = ErrorCode.invalidRequest.rawValue
            return response
        }
        response.apiKeys = context.supportedApis
        return response
    }

    /// The answer to an ApiVersions request at a version this broker cannot decode, to be sent as v0.
    public static func unsupportedVersionResponse(supportedApis: [ApiVersionsResponse.ApiVersion])
        -> ApiVersionsResponse
    {
        var response = ApiVersionsResponse()
        response.errorCode = ErrorCode.unsupportedVersion.rawValue
        response.apiKeys = supportedApis
        return response
    }

    /// Apache's `[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?`.
    static func isValidSoftwareField(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}
