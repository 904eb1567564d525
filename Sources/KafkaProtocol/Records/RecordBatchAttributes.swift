/// The int16 attributes of a v2 batch. Bits 7-15 are unused by Kafka but covered by the CRC, so the raw value is
/// kept whole and every accessor works on its own bits.
public struct RecordBatchAttributes: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int16

    @usableFromInline static let codecMask: Int16 = 0x07
    @usableFromInline static let timestampTypeBit: Int16 = 0x08
    @usableFromInline static let transactionalBit: Int16 = 0x10
    @usableFromInline static let controlBit: Int16 = 0x20
    @usableFromInline static let deleteHorizonBit: Int16 = 0x40

    @inlinable
    public init(rawValue: Int16) { self.rawValue = rawValue }

    @inlinable
    public init(
        codec: CompressionCodec = .none, timestampType: TimestampType = .createTime, isTransactional: Bool = false,
        isControl: Bool = false, hasDeleteHorizon: Bool = false
    ) {
        rawValue = Int16(codec.rawValue)
        self.timestampType = timestampType
        self.isTransactional = isTransactional
        self.isControl = isControl
        self.hasDeleteHorizon = hasDeleteHorizon
    }

    /// The codec id in bits 0-2, including the ids 5-7 that no codec has.
    @inlinable
    public var compressionCodecID: Int8 { Int8(truncatingIfNeeded: rawValue & Self.codecMask) }

    /// The codec, or nil when bits 0-2 hold an id Kafka does not define.
    @inlinable
    public var codec: CompressionCodec? { CompressionCodec(rawValue: compressionCodecID) }

    @inlinable
    public mutating func setCodec(_ codec: CompressionCodec) {
        rawValue = (rawValue & ~Self.codecMask) | Int16(codec.rawValue)
    }

    /// Bit 3. A v2 batch has no "no timestamp" state, so only CreateTime and LogAppendTime come back.
    @inlinable
    public var timestampType: TimestampType {
        get { rawValue & Self.timestampTypeBit != 0 ? .logAppendTime : .createTime }
        set { set(Self.timestampTypeBit, newValue == .logAppendTime) }
    }

    @inlinable
    public var isTransactional: Bool {
        get { rawValue & Self.transactionalBit != 0 }
        set { set(Self.transactionalBit, newValue) }
    }

    @inlinable
    public var isControl: Bool {
        get { rawValue & Self.controlBit != 0 }
        set { set(Self.controlBit, newValue) }
    }

    /// Bit 6: the log cleaner stored the delete horizon in baseTimestamp (KIP-534).
    @inlinable
    public var hasDeleteHorizon: Bool {
        get { rawValue & Self.deleteHorizonBit != 0 }
        set { set(Self.deleteHorizonBit, newValue) }
    }

    @inlinable
    mutating func set(_ bit: Int16, _ on: Bool) {
        rawValue = on ? rawValue | bit : rawValue & ~bit
    }
}
