import KafkaStorage
import NIOCore

/// The start-up check Apache makes before touching a log dir: a meta.properties written for another node is
/// refused with Apache's wording (KafkaStorage's own check would only say the file is corrupt).
enum LogDirCheck {
    static func verify(logDir: String, nodeId: Int32, fileSystem: any StorageFileSystem) throws {
        let path = logDir + "/" + LogFileNames.metaProperties
        guard fileSystem.fileExists(path) else { return }
        let meta: MetaProperties
        do {
            let file = try fileSystem.openFile(path, create: false)
            let bytes = try file.read(at: 0, length: Int(try file.size()), allocator: ByteBufferAllocator())
            meta = try MetaProperties.parse(String(buffer: bytes), path: path)
        } catch {
            throw BrokerStartError(description: "Unusable log dir \(logDir): \(error)")
        }
        guard meta.nodeID == nodeId else {
            throw BrokerStartError(
                description: "Stored node id \(meta.nodeID) doesn't match previous node id \(nodeId) in \(path). "
                    + "If you moved your data, make sure your configured node id matches. If you intend to create a "
                    + "new node, you should remove all data in your data directories.")
        }
    }
}
