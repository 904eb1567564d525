import Foundation
import Testing
import KafkaProperties

@Suite struct PropertiesFileTests {
    private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("props-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test func loadsJavaPropertiesSyntaxAsUTF8() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/reader.properties"
            let text = "# reader\nparse.key=true\nkey.separator=→\nnull.marker = NULL\nparse.key=false\ncont=a,\\\n  b\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try PropertiesFile.load(path: path) == [
                "parse.key": "false", "key.separator": "→", "null.marker": "NULL", "cont": "a,b",
            ])
        }
    }

    @Test func emptyFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/empty.properties"
            try "".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try PropertiesFile.load(path: path) == [:])
        }
    }

    @Test func missingFileReadsLikeJava() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/absent.properties"
            #expect(throws: PropertiesFile.LoadError.unreadable(path: path, errorNumber: ENOENT)) {
                try PropertiesFile.load(path: path)
            }
            do {
                _ = try PropertiesFile.load(path: path)
            } catch {
                #expect("\(error)" == "\(path) (No such file or directory)")
            }
        }
    }

    @Test func directoryIsNotAFile() throws {
        try withTemporaryDirectory { directory in
            do {
                _ = try PropertiesFile.load(path: directory)
                Issue.record("a directory loaded")
            } catch {
                #expect("\(error)" == "\(directory) (Is a directory)")
            }
        }
    }

    @Test func malformedEscapeNamesFileAndLine() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/bad.properties"
            try "a=1\nb=\\u00zz\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: PropertiesFile.LoadError.malformed(path: path, .malformedUnicodeEscape(line: 2))) {
                try PropertiesFile.load(path: path)
            }
            do {
                _ = try PropertiesFile.load(path: path)
            } catch {
                #expect("\(error)" == "\(path): Malformed \\uxxxx encoding on line 2")
            }
        }
    }
}
