import NIOCore

/// The type in a control record's key. An open set: Kafka adds KRaft types, and readers must skip types they do
/// not know rather than fail.
public struct ControlRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }

    public static let abort = ControlRecordType(rawValue: 0)
    public static let commit = ControlRecordType(rawValue: 1)
    public static let leaderChange = ControlRecordType(rawValue: 2)
    public static let snapshotHeader = ControlRecordType(rawValue: 3)
    public static let snapshotFooter = ControlRecordType(rawValue: 4)
    public static let kraftVersion = ControlRecordType(rawValue: 5)
    public static let kraftVoters = ControlRecordType(rawValue: 6)

    /// Kafka's enum spelling, as dump-log prints it.
    public var description: String {
        switch rawValue {
        case 0: return "ABORT"
        case 1: return "COMMIT"
        case 2: return "LEADER_CHANGE"
        case 3: return "SNAPSHOT_HEADER"
        case 4: return "SNAPSHOT_FOOTER"
        case 5: return "KRAFT_VERSION"
        case 6: return "KRAFT_VOTERS"
        default: return "UNKNOWN"
        }
    }
}

/// The key of every control record: `version int16, type int16`.
public struct ControlRecordKey: Hashable, Sendable {
    public static let currentVersion: Int16 = 0
    public var version: Int16
    public var type: ControlRecordType

    public init(version: Int16 = ControlRecordKey.currentVersion, type: ControlRecordType) {
        self.version = version
        self.type = type
    }

    /// Reads a key. Later versions may append fields (the schema only grows), so extra bytes are allowed; a
    /// negative version is not.
    public init(from key: ByteBuffer) throws {
        var reader = key
        version = try reader.readKafkaInt16()
        guard version >= 0 else {
            throw RecordBatchError.corruptRecord("control record key version \(version)")
        }
        type = ControlRecordType(rawValue: try reader.readKafkaInt16())
    }

    public func write(into buffer: inout ByteBuffer) {
        buffer.writeInteger(version)
        buffer.writeInteger(type.rawValue)
    }

    public var encoded: ByteBuffer {
        var buffer = ByteBuffer()
        write(into: &buffer)
        return buffer
    }
}
