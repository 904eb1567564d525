import KafkaProtocol

// SaslAuthenticate: v0–v2
//
// Behaviour:
// * During authentication the tokens are handled by the connection's `SaslServerAuthenticator`. A request that
//   reaches this handler comes after authentication (re-authentication is not supported) or on a listener
//   without SASL: ILLEGAL_SASL_STATE with Kafka's message.
public struct SaslAuthenticateHandler: RequestHandler {
    public typealias Request = SaslAuthenticateRequest
    public static let versions: ClosedRange<Int16> = 0...2

    public init() {}

    public func handle(header: RequestHeader, request: SaslAuthenticateRequest, context: RequestContext) async
        -> SaslAuthenticateResponse
    {
        SaslAuthenticateResponse(
            errorCode: ErrorCode.illegalSaslState.rawValue,
            errorMessage: "SaslAuthenticate request received after successful authentication")
    }
}
