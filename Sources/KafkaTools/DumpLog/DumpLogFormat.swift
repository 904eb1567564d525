/// What the record-level options of `kafka-dump-log` ask for.
public struct DumpLogFormat: Hashable, Sendable {
    public var deepIteration: Bool
    public var printData: Bool
    public var skipRecordMetadata: Bool
    /// `--output json`: one JSON object per line instead of Apache's text.
    public var json: Bool
    var keyDecoder = RecordDecoder.string
    var valueDecoder = RecordDecoder.string
    /// `--offsets-decoder` / `--transaction-log-decoder`: keys and values shown as Kafka's coordinator records.
    var coordinatorRecords: CoordinatorRecordJSON.Topic?

    /// Whether keys and payloads print as plain text (the fast path).
    var printsPlainText: Bool { keyDecoder == .string && valueDecoder == .string && coordinatorRecords == nil }

    /// `--print-data-log` implies `--deep-iteration`, as in Apache's tool.
    public init(
        deepIteration: Bool = false, printData: Bool = false, skipRecordMetadata: Bool = false, json: Bool = false
    ) {
        self.deepIteration = deepIteration || printData
        self.printData = printData
        self.skipRecordMetadata = skipRecordMetadata
        self.json = json
    }
}
