import Foundation
import KafkaProtocolGenKit
import Testing

/// The committed generated code must be exactly what the generator makes of the committed spec.
@Suite struct GeneratedCodeIsCurrentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func generatedCodeIsCurrent() throws {
        let generator = try Generator(specRoot: Self.root.appendingPathComponent("Specs"))
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-gen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        // Regenerate into a temporary folder, then compare it with the committed folders file by file.
        try Generator.write(generator.libraryFiles, to: temporary.appendingPathComponent("library"))
        try Generator.write(generator.testFiles, to: temporary.appendingPathComponent("tests"))
        for (committed, fresh) in [
            ("Sources/KafkaProtocol/Generated", "library"), ("Tests/KafkaProtocolTests/Generated", "tests"),
        ] {
            let committedURL = Self.root.appendingPathComponent(committed)
            let freshURL = temporary.appendingPathComponent(fresh)
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: committedURL.path))
                .union(try FileManager.default.contentsOfDirectory(atPath: freshURL.path))
            let stale = names.sorted().filter { name in
                (try? Data(contentsOf: committedURL.appendingPathComponent(name)))
                    != (try? Data(contentsOf: freshURL.appendingPathComponent(name)))
            }
            #expect(stale.isEmpty, "\(committed) is out of date for \(stale); run `make generate`")
        }
    }

    @Test func generationIsDeterministic() throws {
        let specs = Self.root.appendingPathComponent("Specs")
        #expect(try Generator(specRoot: specs).libraryFiles == Generator(specRoot: specs).libraryFiles)
    }

    @Test func everyRequiredApiIsCovered() throws {
        let generator = try Generator(specRoot: Self.root.appendingPathComponent("Specs"))
        // The APIs the foundation issue names, by key.
        let required = [
            0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 32, 33, 35, 36,
            37, 42, 44, 47, 60, 69, 75,
        ]
        for key in required {
            let prefix = String(format: "%02d_", key)
            #expect(generator.libraryFiles.keys.contains { $0.hasPrefix(prefix) }, "API key \(key) has no generated file")
        }
    }
}
