/// One record read from the console producer's input: what `LineMessageReader` hands to the producer.
public struct ConsoleRecord: Hashable, Sendable {
    public struct Header: Hashable, Sendable {
        public var key: String
        /// nil when the value equals `null.marker`, or when `ignore.error` kept a pair without a key separator.
        public var value: [UInt8]?

        public init(key: String, value: [UInt8]?) {
            self.key = key
            self.value = value
        }
    }

    /// nil without `parse.key`, when the key equals `null.marker`, or when `ignore.error` skipped a missing separator.
    public var key: [UInt8]?
    /// nil only when the value equals `null.marker`; an empty line gives an empty value.
    public var value: [UInt8]?
    public var headers: [Header]

    public init(key: [UInt8]? = nil, value: [UInt8]?, headers: [Header] = []) {
        self.key = key
        self.value = value
        self.headers = headers
    }
}
