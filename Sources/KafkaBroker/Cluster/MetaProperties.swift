import KafkaProtocol

/// The `meta.properties` file at the top of each log dir (KRaft, version 1): which cluster and node the data
/// belongs to. Apache writes it with `kafka-storage format`; this broker formats an empty dir on first start.
///
/// To be moved: storage owns the on-disk format, so this helper moves to KafkaStorage once its meta.properties
/// support lands; the broker keeps only the start-up checks.
public struct MetaProperties: Sendable, Hashable {
    public var clusterId: String
    public var nodeId: Int32
    public var directoryId: String

    public static let fileName = "meta.properties"

    public init(clusterId: String, nodeId: Int32, directoryId: String) {
        self.clusterId = clusterId
        self.nodeId = nodeId
        self.directoryId = directoryId
    }

    public var fileText: String {
        // Java's Properties.store writes a comment and a date first; the date is left out here.
        "#\n#Written by kafka-server-start\nnode.id=\(nodeId)\ndirectory.id=\(directoryId)\nversion=1\ncluster.id=\(clusterId)\n"
    }

    public static func parse(_ text: String, path: String) throws -> MetaProperties {
        var values: [String: String] = [:]
        for entry in try JavaProperties.parse(text) { values[entry.key] = entry.value }
        guard let clusterId = values["cluster.id"], !clusterId.isEmpty else {
            throw MetaPropertiesError(description: "\(path) has no cluster.id")
        }
        guard let nodeText = values["node.id"] ?? values["broker.id"], let nodeId = Int32(nodeText) else {
            throw MetaPropertiesError(description: "\(path) has no valid node.id")
        }
        return MetaProperties(
            clusterId: clusterId, nodeId: nodeId, directoryId: values["directory.id"] ?? Self.randomId())
    }

    /// Reads every log dir's file, creating the dirs and any missing file, and checks that they agree with each
    /// other and with `node.id`. Blocking: call before the server starts.
    public static func loadOrCreate(logDirs: [String], nodeId: Int32) throws -> MetaProperties {
        var existing: [(path: String, meta: MetaProperties)] = []
        for dir in logDirs {
            do {
                try FileIO.makeDirectories(dir)
            } catch let error as FileIO.Error {
                throw MetaPropertiesError(description: "Unusable log dir \(dir): \(error.description)")
            }
            let path = dir + "/" + fileName
            if FileIO.exists(path) {
                existing.append((path, try parse(FileIO.readText(path), path: path)))
            }
        }
        for (path, meta) in existing where meta.nodeId != nodeId {
            throw MetaPropertiesError(
                description: "Stored node id \(meta.nodeId) doesn't match previous node id \(nodeId) in \(path). "
                    + "If you moved your data, make sure your configured node id matches. If you intend to create a "
                    + "new node, you should remove all data in your data directories.")
        }
        let clusterId = existing.first?.meta.clusterId ?? randomId()
        for (path, meta) in existing where meta.clusterId != clusterId {
            throw MetaPropertiesError(
                description: "Invalid cluster.id in: \(path). Expected \(clusterId), but read \(meta.clusterId)")
        }
        var created: [MetaProperties] = []
        for dir in logDirs where !existing.contains(where: { $0.path == dir + "/" + fileName }) {
            let meta = MetaProperties(clusterId: clusterId, nodeId: nodeId, directoryId: randomId())
            do {
                try FileIO.writeAtomically(meta.fileText, to: dir + "/" + fileName)
            } catch let error as FileIO.Error {
                throw MetaPropertiesError(description: "Unusable log dir \(dir): \(error.description)")
            }
            created.append(meta)
        }
        return existing.first?.meta ?? created.first ?? MetaProperties(clusterId: clusterId, nodeId: nodeId, directoryId: randomId())
    }

    /// Kafka's `Uuid.randomUuid().toString()`: a random UUID in URL-safe base64 without padding (22 characters).
    public static func randomId() -> String {
        let uuid = KafkaUUID.random()
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: uuid.mostSignificantBits >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: uuid.leastSignificantBits >> UInt64(shift))) }
        return base64URL(bytes)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var result = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for byte in chunk { value = value << 8 | Int(byte) }
            value <<= 8 * (3 - chunk.count)
            for position in 0...chunk.count { result.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return result
    }
}

public struct MetaPropertiesError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
}
