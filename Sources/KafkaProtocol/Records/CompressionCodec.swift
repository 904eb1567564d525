/// The codec in the low three bits of a record batch's (or legacy message's) attributes.
public enum CompressionCodec: Int8, Sendable, CaseIterable, Hashable {
    case none = 0
    case gzip = 1
    case snappy = 2
    case lz4 = 3
    case zstd = 4

    /// Kafka's spelling, as in `compression.type` and in dump-log output.
    public var name: String {
        switch self {
        case .none: return "none"
        case .gzip: return "gzip"
        case .snappy: return "snappy"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        }
    }

    /// Parses Kafka's lowercase spelling. The broker's `compression.type` also accepts `producer` ("keep the
    /// producer's codec"); that is a policy, not a codec, so it gives nil here.
    public init?(name: String) {
        guard let codec = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = codec
    }
}
