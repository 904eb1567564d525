import KafkaProtocol

/// Producer settings, read from Kafka's property names with Apache's defaults and validation.
public struct ProducerConfig: Sendable {
    public var client: ClientConfig
    /// -1 (all), 0 or 1.
    public var acks: Int16
    public var batchSize: Int
    public var lingerMs: Int64
    public var bufferMemory: Int
    public var maxBlockMs: Int64
    public var compression: CompressionCodec
    public var compressionLevel: Int?
    public var retries: Int
    public var deliveryTimeoutMs: Int64
    public var maxInFlightRequestsPerConnection: Int
    public var maxRequestSize: Int
    public var idempotent: Bool
    /// `partitioner.ignore.keys`: spread keyed records like unkeyed ones.
    public var partitionerIgnoresKeys: Bool

    public init(properties: [String: String]) throws {
        client = try ClientConfig(properties: properties)
        let reader = PropertyReader(properties)
        acks = try Self.parseAcks(reader.string("acks") ?? "all")
        batchSize = Int(try reader.int32("batch.size", default: 16_384, atLeast: 0))
        lingerMs = try reader.int64("linger.ms", default: 5, atLeast: 0)
        bufferMemory = Int(try reader.int64("buffer.memory", default: 33_554_432, atLeast: 0))
        maxBlockMs = try reader.int64("max.block.ms", default: 60_000, atLeast: 0)
        compression = try Self.parseCompression(reader.string("compression.type") ?? "none")
        compressionLevel = try Self.compressionLevel(compression, reader)
        retries = Int(try reader.int32("retries", default: Int32.max, atLeast: 0))
        maxInFlightRequestsPerConnection = Int(
            try reader.int32("max.in.flight.requests.per.connection", default: 5, atLeast: 1))
        maxRequestSize = Int(try reader.int32("max.request.size", default: 1_048_576, atLeast: 0))
        partitionerIgnoresKeys = try reader.bool("partitioner.ignore.keys", default: false)
        if properties["client.id"] == nil { client.clientId = "producer-1" }

        // Apache 3.x+: idempotence is on unless it conflicts with settings; asking for it explicitly with
        // conflicting settings is an error.
        let explicitIdempotence = properties["enable.idempotence"] != nil
        let wantsIdempotence = try reader.bool("enable.idempotence", default: true)
        var conflict: String?
        if maxInFlightRequestsPerConnection > 5 {
            conflict = "Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer."
        } else if retries == 0 {
            conflict = "Must set retries to non-zero when using the idempotent producer."
        } else if acks != -1 {
            conflict = "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."
        }
        if wantsIdempotence, explicitIdempotence, let conflict {
            throw KafkaClientError.invalidConfiguration(conflict)
        }
        idempotent = wantsIdempotence && conflict == nil
        if properties["transactional.id"] != nil {
            throw KafkaClientError.invalidConfiguration("transactional.id is not supported by this producer yet")
        }

        let deliveryTimeout = try reader.int64("delivery.timeout.ms", default: 120_000, atLeast: 0)
        let minimum = lingerMs + client.requestTimeoutMs
        if deliveryTimeout < minimum {
            guard properties["delivery.timeout.ms"] == nil else {
                throw KafkaClientError.invalidConfiguration(
                    "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms")
            }
            deliveryTimeoutMs = minimum
        } else {
            deliveryTimeoutMs = deliveryTimeout
        }
    }

    static func parseAcks(_ text: String) throws -> Int16 {
        switch text.lowercased() {
        case "all", "-1": return -1
        case "0": return 0
        case "1": return 1
        default:
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(text) for configuration acks: String must be one of: all, -1, 0, 1")
        }
    }

    static func parseCompression(_ text: String) throws -> CompressionCodec {
        switch text.lowercased() {
        case "none": return .none
        case "gzip": return .gzip
        case "snappy": return .snappy
        case "lz4": return .lz4
        case "zstd": return .zstd
        default:
            throw KafkaClientError.invalidConfiguration(
                "Invalid value \(text) for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd")
        }
    }

    private static func compressionLevel(_ codec: CompressionCodec, _ reader: PropertyReader) throws -> Int? {
        let key: String
        switch codec {
        case .gzip: key = "compression.gzip.level"
        case .lz4: key = "compression.lz4.level"
        case .zstd: key = "compression.zstd.level"
        default: return nil
        }
        guard reader.string(key) != nil else { return nil }
        return Int(try reader.int32(key, default: 0))
    }

    /// Every producer property Apache's client knows, so that unknown ones can be warned about.
    public static let knownProperties = Set<String>([
        "bootstrap.servers", "client.id", "acks", "batch.size", "linger.ms", "buffer.memory", "max.block.ms",
        "compression.type", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level", "retries",
        "retry.backoff.ms", "retry.backoff.max.ms", "request.timeout.ms", "delivery.timeout.ms",
        "max.in.flight.requests.per.connection", "max.request.size", "enable.idempotence", "transactional.id",
        "transaction.timeout.ms", "key.serializer", "value.serializer", "partitioner.class",
        "partitioner.ignore.keys", "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms",
        "metadata.max.age.ms", "metadata.max.idle.ms", "send.buffer.bytes", "receive.buffer.bytes",
        "socket.connection.setup.timeout.ms", "socket.connection.setup.timeout.max.ms", "connections.max.idle.ms",
        "reconnect.backoff.ms", "reconnect.backoff.max.ms", "client.dns.lookup", "interceptor.classes",
        "metric.reporters", "metrics.num.samples", "metrics.recording.level", "metrics.sample.window.ms",
        "security.protocol", "security.providers", "enable.metrics.push", "auto.include.jmx.reporter",
    ]).union(ClientSecurityConfig.knownProperties)
}
