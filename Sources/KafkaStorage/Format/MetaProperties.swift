#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KafkaProtocol

/// `meta.properties` of a KRaft log dir (version 1). Kafka writes it with `java.util.Properties.store`, which puts
/// an empty comment line, a `#<date>` line, and the keys in its hash table's order: node.id, directory.id,
/// version, cluster.id. We write the same so a Kafka broker accepts our log dir and the reverse.
public struct MetaProperties: Hashable, Sendable {
    public var version: Int
    public var clusterID: String
    public var nodeID: Int32
    public var directoryID: KafkaUUID?

    public init(version: Int = 1, clusterID: String, nodeID: Int32, directoryID: KafkaUUID? = nil) {
        self.version = version
        self.clusterID = clusterID
        self.nodeID = nodeID
        self.directoryID = directoryID
    }

    /// The file's text; `date` is the `#` line's time in seconds since the epoch (printed in UTC).
    public func format(date: Int64) -> String {
        var text = "#\n#\(Self.javaDateString(secondsSinceEpoch: date))\n"
        text += "node.id=\(nodeID)\n"
        if let directoryID { text += "directory.id=\(directoryID.base64)\n" }
        text += "version=\(version)\n"
        text += "cluster.id=\(clusterID)\n"
        return text
    }

    public static func parse(_ text: String, path: String = LogFileNames.metaProperties) throws -> MetaProperties {
        var values: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            let line = line.trimmingSpaces
            guard !line.isEmpty, line.first != "#", line.first != "!", let equals = line.firstIndex(of: "=") else {
                continue
            }
            values[line[..<equals].trimmingSpaces] = line[line.index(after: equals)...].trimmingSpaces
        }
        guard let versionText = values["version"], let version = Int(versionText) else {
            throw StorageError.corruptFile(path: path, detail: "no version")
        }
        guard let clusterID = values["cluster.id"] else { throw StorageError.corruptFile(path: path, detail: "no cluster.id") }
        // Version 0 (ZooKeeper mode) names the node broker.id.
        guard let nodeText = values["node.id"] ?? values["broker.id"], let nodeID = Int32(nodeText) else {
            throw StorageError.corruptFile(path: path, detail: "no node.id")
        }
        var directoryID: KafkaUUID?
        if let text = values["directory.id"] {
            guard let parsed = KafkaUUID(base64: String(text)) else {
                throw StorageError.corruptFile(path: path, detail: "bad directory.id '\(text)'")
            }
            directoryID = parsed
        }
        return MetaProperties(version: version, clusterID: String(clusterID), nodeID: nodeID, directoryID: directoryID)
    }

    /// `java.util.Date.toString()` in UTC: `Tue Jan 07 05:07:18 UTC 2025`.
    static func javaDateString(secondsSinceEpoch: Int64) -> String {
        var time = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(parts.tm_wday) % 7]
        let month = months[Int(parts.tm_mon) % 12]
        return "\(day) \(month) \(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) UTC "
            + "\(parts.tm_year + 1900)"
    }
}
