import KafkaProtocol

/// `partition.metadata`: `version: 0` and `topic_id: <base64 uuid>`, as Kafka writes it (KIP-516).
public enum PartitionMetadataFile {
    public static func format(topicID: KafkaUUID) -> String {
        "version: 0\ntopic_id: \(topicID.base64)\n"
    }

    public static func parse(_ text: String, path: String = LogFileNames.partitionMetadata) throws -> KafkaUUID {
        var version: Substring?
        var topicID: KafkaUUID?
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces
            let value = line[line.index(after: colon)...].trimmingSpaces
            if key == "version" { version = value }
            if key == "topic_id" { topicID = KafkaUUID(base64: String(value)) }
        }
        guard version == "0" else {
            throw StorageError.corruptFile(path: path, detail: "unsupported version '\(version ?? "")'")
        }
        guard let topicID else { throw StorageError.corruptFile(path: path, detail: "no valid topic_id") }
        return topicID
    }
}
