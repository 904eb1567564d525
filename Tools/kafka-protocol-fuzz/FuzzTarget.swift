import KafkaProtocol
import NIOCore

/// One fuzz input: the first byte picks what to decode, the rest is the hostile input. Decoding may throw;
/// it must never crash, hang or allocate in proportion to a length the bytes do not back.
func fuzzOne(_ input: UnsafeRawBufferPointer) {
    guard let selector = input.first else { return }
    let payload = ByteBuffer(bytes: input.dropFirst())
    switch selector % 3 {
    case 0:
        // A request frame as a broker receives it, through the frame decoder first.
        var framed = ByteBuffer()
        framed.writeInteger(Int32(payload.readableBytes))
        framed.writeImmutableBuffer(payload)
        var decoder = KafkaFrameDecoder(maxFrameLength: 1 << 20)
        guard let frame = try? decoder.decode(buffer: &framed),
            let request = try? KafkaFrames.decodeRequest(frame)
        else { return }
        // Whatever decodes must encode again without trapping.
        var output = ByteBuffer()
        try? KafkaFrames.encodeRequest(header: request.header, body: request.body, into: &output)
    case 1:
        // A response to any API at any version, as a client receives it.
        guard payload.readableBytes >= 3, let key = ApiKey.allCases.randomElement(seed: payload) else { return }
        var body = payload
        body.moveReaderIndex(forwardBy: 3)
        let version = Int16((payload.getInteger(at: payload.readerIndex + 1, as: UInt16.self) ?? 0) & 0x1f)
        guard let response = try? KafkaFrames.decodeResponse(apiKey: key, version: version, frame: body) else {
            return
        }
        var output = ByteBuffer()
        try? KafkaFrames.encodeResponse(
            response.body, version: version, correlationId: response.header.correlationId, into: &output)
    default:
        fuzzRecords(payload)
    }
}

extension Array where Element == ApiKey {
    /// A deterministic choice from the input's first byte, so a crash reproduces from the saved input.
    func randomElement(seed: ByteBuffer) -> ApiKey? {
        guard !isEmpty, let byte = seed.getInteger(at: seed.readerIndex, as: UInt8.self) else { return nil }
        return self[Int(byte) % count]
    }
}
