import KafkaProtocol

/// The API versions a broker offers, and the choice of version for each request: the highest both sides speak.
public struct ApiVersionTable: Sendable, Hashable {
    public private(set) var ranges: [Int16: ClosedRange<Int16>]

    public init(ranges: [Int16: ClosedRange<Int16>]) {
        self.ranges = ranges
    }

    init(_ response: ApiVersionsResponse) {
        var ranges: [Int16: ClosedRange<Int16>] = [:]
        for entry in response.apiKeys where entry.minVersion <= entry.maxVersion {
            ranges[entry.apiKey] = entry.minVersion...entry.maxVersion
        }
        self.init(ranges: ranges)
    }

    public func supports(_ api: ApiKey) -> Bool { ranges[api.rawValue] != nil }

    /// The highest version of `Request` both we and the broker speak, capped at `maxVersion`; nil if none.
    public func version<Request: KafkaRequest>(for request: Request.Type, maxVersion: Int16? = nil) -> Int16? {
        guard let broker = ranges[Request.apiKey.rawValue] else { return nil }
        let ours = Request.versions
        let high = min(ours.upperBound, broker.upperBound, maxVersion ?? .max)
        let low = max(ours.lowerBound, broker.lowerBound)
        return low <= high ? high : nil
    }
}
