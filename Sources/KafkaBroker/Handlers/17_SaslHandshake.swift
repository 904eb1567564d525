import KafkaProtocol

// SaslHandshake: v0–v1
//
// Behaviour:
// * Before authentication on a SASL listener the handshake is answered by the connection's
//   `SaslServerAuthenticator`, never here. A request that reaches this handler arrives on an authenticated
//   connection or a listener without SASL: ILLEGAL_SASL_STATE, as Kafka's KafkaApis answers.
public struct SaslHandshakeHandler: RequestHandler {
    public typealias Request = SaslHandshakeRequest
    public static let versions: ClosedRange<Int16> = 0...1

    public init() {}

    public func handle(header: RequestHeader, request: SaslHandshakeRequest, context: RequestContext) async
        -> SaslHandshakeResponse
    {
        SaslHandshakeResponse(errorCode: ErrorCode.illegalSaslState.rawValue, mechanisms: [])
    }
}
