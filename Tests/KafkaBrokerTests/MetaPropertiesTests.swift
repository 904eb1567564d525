import Testing
@testable import KafkaBroker

@Suite struct MetaPropertiesTests {
    private func temporaryDirectory() -> String {
        "/tmp/meta-properties-test-\(UInt64.random(in: 0...UInt64.max))"
    }

    @Test func createsOnceThenKeepsTheClusterId() throws {
        let root = temporaryDirectory()
        let dirs = [root + "/a", root + "/nested/b"]
        let first = try MetaProperties.loadOrCreate(logDirs: dirs, nodeId: 4)
        #expect(first.clusterId.count == 22)
        #expect(first.nodeId == 4)
        let again = try MetaProperties.loadOrCreate(logDirs: dirs, nodeId: 4)
        #expect(again.clusterId == first.clusterId)
        let text = try FileIO.readText(root + "/nested/b/meta.properties")
        #expect(text.contains("cluster.id=\(first.clusterId)\n"))
        #expect(text.contains("node.id=4\n"))
        #expect(text.contains("version=1\n"))
    }

    @Test func anotherNodeIdIsRefused() throws {
        let root = temporaryDirectory()
        _ = try MetaProperties.loadOrCreate(logDirs: [root], nodeId: 1)
        do {
            _ = try MetaProperties.loadOrCreate(logDirs: [root], nodeId: 2)
            Issue.record("a node id change was accepted")
        } catch {
            #expect("\(error)".hasPrefix("Stored node id 1 doesn't match previous node id 2 in \(root)/meta.properties."))
        }
    }

    @Test func unusableLogDirIsOneClearError() {
        do {
            _ = try MetaProperties.loadOrCreate(logDirs: ["/proc/self/cannot-create-here"], nodeId: 1)
            Issue.record("an unusable log dir was accepted")
        } catch {
            #expect("\(error)".hasPrefix("Unusable log dir /proc/self/cannot-create-here: "))
        }
    }

    @Test func base64URLWithoutPadding() {
        #expect(MetaProperties.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(MetaProperties.base64URL(Array("Man".utf8)) == "TWFu")
        #expect(MetaProperties.base64URL(Array(repeating: 0, count: 16)) == "AAAAAAAAAAAAAAAAAAAAAA")
    }
}
