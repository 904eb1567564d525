import KafkaProtocol
import KafkaSecurity
import NIOCore

extension BrokerConnection {
    /// SaslHandshake naming the mechanism, then the exchange's tokens: in SaslAuthenticate requests (handshake
    /// v1) or, with a broker that only speaks SaslHandshake v0 (Kafka before 1.0), as raw size-prefixed frames.
    /// Every failure is a non-retriable `.securityFailure`.
    static func authenticate(
        channel: any Channel, clientId: String?, address: BrokerAddress, versions: ApiVersionTable,
        sasl: ClientSecurityConfig.Sasl, timeoutMs: Int64
    ) async throws {
        guard let handshakeVersion = versions.version(for: SaslHandshakeRequest.self, maxVersion: 1) else {
            throw KafkaClientError.securityFailure(
                "The broker at \(address) does not offer SASL (no SaslHandshake API); check security.protocol")
        }
        var handshake = SaslHandshakeRequest()
        handshake.mechanism = sasl.mechanism.rawValue
        let answer = try await send(
            handshake, version: handshakeVersion, channel: channel, clientId: clientId, timeoutMs: timeoutMs,
            address: address)
        if answer.errorCode == ErrorCode.unsupportedSaslMechanism.rawValue {
            throw KafkaClientError.securityFailure(
                "The broker does not support SASL mechanism \(sasl.mechanism.rawValue); it offers "
                    + "[\(answer.mechanisms.joined(separator: ", "))]")
        }
        if let error = KafkaBrokerError.check(answer.errorCode) {
            throw KafkaClientError.securityFailure("SASL handshake failed: \(error)")
        }

        var exchange = makeSaslClientExchange(mechanism: sasl.mechanism, credentials: sasl.credentials)
        let authenticateVersion = handshakeVersion >= 1 ? versions.version(for: SaslAuthenticateRequest.self) : nil
        if handshakeVersion >= 1, authenticateVersion == nil {
            throw KafkaClientError.securityFailure(
                "The broker at \(address) answered SaslHandshake v1 but does not offer SaslAuthenticate")
        }
        do {
            var token: [UInt8]? = try exchange.initialResponse()
            while let outgoing = token {
                let challenge: [UInt8]
                if let authenticateVersion {
                    challenge = try await authenticateStep(
                        outgoing, version: authenticateVersion, channel: channel, clientId: clientId,
                        timeoutMs: timeoutMs, address: address)
                } else {
                    challenge = try await rawStep(outgoing, channel: channel, timeoutMs: timeoutMs)
                }
                token = try exchange.respond(to: challenge)
            }
        } catch let error as ScramError {
            throw KafkaClientError.securityFailure("SASL authentication failed: \(error)")
        } catch KafkaClientError.connectionFailed {
            // Brokers without SaslAuthenticate end a failed exchange by closing the connection.
            throw KafkaClientError.securityFailure(
                "SASL authentication failed: the broker at \(address) closed the connection (wrong user name or password?)")
        }
    }

    private static func authenticateStep(
        _ token: [UInt8], version: Int16, channel: any Channel, clientId: String?, timeoutMs: Int64,
        address: BrokerAddress
    ) async throws -> [UInt8] {
        var request = SaslAuthenticateRequest()
        request.authBytes = ByteBuffer(bytes: token)
        let response = try await send(
            request, version: version, channel: channel, clientId: clientId, timeoutMs: timeoutMs, address: address)
        if let error = KafkaBrokerError.check(response.errorCode, message: response.errorMessage) {
            throw KafkaClientError.securityFailure("SASL authentication failed: \(error)")
        }
        return Array(response.authBytes.readableBytesView)
    }

    /// SaslHandshake v0: the token goes out as a size-prefixed frame and the answer comes back the same way.
    private static func rawStep(_ token: [UInt8], channel: any Channel, timeoutMs: Int64) async throws -> [UInt8] {
        var frame = channel.allocator.buffer(capacity: token.count + 4)
        frame.writeInteger(Int32(token.count))
        frame.writeBytes(token)
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        channel.writeAndFlush(
            OutgoingRequest(
                frame: frame, expectsResponse: true, timeout: .milliseconds(timeoutMs), response: promise,
                isRawToken: true),
            promise: nil)
        return Array(try await promise.futureResult.get().readableBytesView)
    }
}
