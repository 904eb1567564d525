import KafkaProtocol
import KafkaSecurity
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Turns one request frame into the bytes of its response frame, or into a reason to drop the connection.
/// Runs off the event loop (handlers may wait on storage); one frame at a time per connection.
struct RequestDispatcher: Sendable {
    enum Outcome: Sendable {
        case respond(ByteBuffer)
        /// The request is done and gets no response (Produce with acks=0).
        case noResponse
        /// Close the connection after logging `reason` (malformed frame, unknown API, unsupported version).
        case close(reason: String)
        /// Send the answer, then close (failed SASL authentication); `reason` is logged.
        case respondAndClose(ByteBuffer, reason: String)
    }

    let registry: HandlerRegistry
    let baseContext: RequestContext
    let allocator: ByteBufferAllocator
    /// Read per request: an ephemeral listener learns its port only after binding.
    let advertisedEndpoint: NIOLockedValueBox<ListenerSpec>

    init(
        registry: HandlerRegistry, context: RequestContext, advertisedEndpoint: NIOLockedValueBox<ListenerSpec>,
        allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) {
        self.registry = registry
        self.advertisedEndpoint = advertisedEndpoint
        var context = context
        context.supportedApis = registry.supportedApis
        self.baseContext = context
        self.allocator = allocator
    }

    /// `principal`: who the connection authenticated as.
    func dispatch(_ frame: ByteBuffer, clientAddress: String, principal: KafkaPrincipal = .anonymous) async -> Outcome {
        let rawKey: Int16
        let version: Int16
        do {
            (rawKey, version) = try KafkaFrames.peekRequestKey(frame)
        } catch {
            return .close(reason: "request of \(frame.readableBytes) bytes is too short for a header")
        }
        guard let apiKey = ApiKey(rawValue: rawKey), let entry = registry.entry(for: apiKey) else {
            return .close(reason: "unknown or unsupported API key \(rawKey)")
        }
        if apiKey == .apiVersions, version > entry.versions.upperBound {
            return unsupportedApiVersions(frame)
        }
        guard entry.versions.contains(version) else {
            return .close(reason: "unsupported version \(version) of \(apiKey.name) (served: v\(entry.versions.lowerBound)–v\(entry.versions.upperBound))")
        }
        let decoded: DecodedRequest
        do {
            decoded = try KafkaFrames.decodeRequest(frame)
        } catch {
            return .close(reason: "malformed \(apiKey.name) v\(version) request: \(error)")
        }
        var context = baseContext
        context.clientAddress = clientAddress
        context.principal = principal
        context.advertisedEndpoint = advertisedEndpoint.withLockedValue { $0 }
        do {
            let response = try await entry.respond(decoded, context)
            if let produce = decoded.body as? ProduceRequest, let answer = response as? ProduceResponse,
                let suppression = ProduceHandler.suppression(for: produce, answer)
            {
                return suppression == .closeConnection
                    ? .close(reason: "error during produce request with correlation id \(decoded.header.correlationId) with ack=0")
                    : .noResponse
            }
            return encode(response, version: version, correlationId: decoded.header.correlationId, apiKey: apiKey)
        } catch {
            return .close(reason: "\(apiKey.name) v\(version) failed: \(error)")
        }
    }

    /// A v0 answer with UNSUPPORTED_VERSION, as Apache sends for an ApiVersions request it cannot parse; the
    /// correlation id sits at a fixed offset, so it is read even if the rest of the header is not understood.
    private func unsupportedApiVersions(_ frame: ByteBuffer) -> Outcome {
        guard let correlationId = frame.getInteger(at: frame.readerIndex + 4, as: Int32.self) else {
            return .close(reason: "ApiVersions request of \(frame.readableBytes) bytes is too short for a header")
        }
        let response = ApiVersionsHandler.unsupportedVersionResponse(supportedApis: baseContext.supportedApis)
        return encode(response, version: 0, correlationId: correlationId, apiKey: .apiVersions)
    }

    private func encode(_ response: any KafkaResponse, version: Int16, correlationId: Int32, apiKey: ApiKey) -> Outcome {
        var buffer = allocator.buffer(capacity: 256)
        do {
            try KafkaFrames.encodeResponse(response, version: version, correlationId: correlationId, into: &buffer)
        } catch {
            return .close(reason: "cannot encode the \(apiKey.name) v\(version) response: \(error)")
        }
        return .respond(buffer)
    }
}
