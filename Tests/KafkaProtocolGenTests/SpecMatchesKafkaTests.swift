import Foundation
import Testing

@testable import KafkaProtocolGenKit

/// Cross-checks our spec against Apache Kafka's JSON message definitions, where a copy is at hand: the
/// `KAFKA_MESSAGE_DIR` environment variable, or the team's read-only reference next to the checkout. A user's
/// fresh clone has neither, and the test is then skipped (it says so). Within the versions Apache's files define,
/// every field must agree: order, name, type, versions, nullability, tags and defaults. Versions we cover beyond
/// those files (newer Kafka releases) are not compared.
@Suite struct SpecMatchesKafkaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let referenceDirectory: URL? = {
        if let path = ProcessInfo.processInfo.environment["KAFKA_MESSAGE_DIR"] { return URL(fileURLWithPath: path) }
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/reference/kafka-message-definitions")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()

    @Test(.enabled(if: referenceDirectory != nil, "no Apache Kafka message definitions here (set KAFKA_MESSAGE_DIR)"))
    func specMatchesApacheKafka() throws {
        let reference = try #require(Self.referenceDirectory)
        let definitions = try Self.loadDefinitions(reference)
        var problems: [String] = []
        var compared = 0
        for message in try Self.loadSpec() {
            guard let json = definitions[message.name] else {
                problems.append("\(message.name): no Apache definition found")
                continue
            }
            compared += 1
            problems += Self.compare(message, json)
        }
        #expect(compared >= 80)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    // MARK: Loading

    static func loadSpec() throws -> [MessageSpec] {
        var messages: [MessageSpec] = []
        for folder in ["messages", "data"] {
            let directory = root.appendingPathComponent("Specs/\(folder)")
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".kspec") {
                let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                var parser = try SpecParser(file: name, text: text)
                messages += try parser.parseMessages()
            }
        }
        return messages
    }

    /// Apache's files are JSON with `//` comment lines.
    static func loadDefinitions(_ directory: URL) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
                .joined(separator: "\n")
            guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let name = object["name"] as? String
            else { continue }
            result[name] = object
        }
        return result
    }

    // MARK: Comparing

    static func versions(_ text: Any?) -> VersionRange {
        guard let text = text as? String else { return .none }
        return VersionRange(parsing: Substring(text)) ?? .none
    }

    /// A field's versions; Apache's coordinator records give only `taggedVersions` for tagged fields.
    static func fieldVersions(_ json: [String: Any]) -> VersionRange {
        versions(json["versions"] ?? json["taggedVersions"] ?? "0+")
    }

    static func compare(_ message: MessageSpec, _ json: [String: Any]) -> [String] {
        let valid = versions(json["validVersions"])
        var problems: [String] = []
        if message.validVersions.lowest != valid.lowest
            || (message.validVersions.highest ?? 0) < (valid.highest ?? 0)
        {
            problems.append("\(message.name): versions \(message.validVersions) do not cover Apache's \(valid)")
        }
        let flexible = json["flexibleVersions"].map { versions($0) } ?? .none
        if message.flexibleVersions.clamped(to: valid) != flexible.clamped(to: valid) {
            problems.append("\(message.name): flexible versions differ")
        }
        let common = Dictionary(
            uniqueKeysWithValues: ((json["commonStructs"] as? [[String: Any]]) ?? []).compactMap { structure in
                (structure["name"] as? String).map { ($0, structure["fields"] as? [[String: Any]] ?? []) }
            })
        let ours = Dictionary(uniqueKeysWithValues: message.commonStructs.map { ($0.name, $0.fields) })
        problems += compareFields(
            message.fields, json["fields"] as? [[String: Any]] ?? [], valid: valid, path: message.name,
            ourCommon: ours, theirCommon: common)
        return problems
    }

    static func compareFields(
        _ ours: [FieldSpec], _ theirs: [[String: Any]], valid: VersionRange, path: String,
        ourCommon: [String: [FieldSpec]], theirCommon: [String: [[String: Any]]]
    ) -> [String] {
        let ourFields = ours.filter {
            !$0.versions.clamped(to: valid).isEmpty && !addedAfterReference.contains("\(path).\($0.name)")
        }
        let theirFields = theirs.filter { !fieldVersions($0).clamped(to: valid).isEmpty }
        guard ourFields.count == theirFields.count else {
            return ["\(path): \(ourFields.count) fields, Apache has \(theirFields.count)"]
        }
        var problems: [String] = []
        for (field, json) in zip(ourFields, theirFields) {
            let name = json["name"] as? String ?? ""
            let here = "\(path).\(field.name)"
            guard (renamedAfterReference[here] ?? field.name).lowercased() == name.lowercased() else {
                problems.append("\(path): field \(field.name), Apache has \(name)")
                continue
            }
            let theirVersions = fieldVersions(json).clamped(to: valid)
            let ourVersions = field.versions.clamped(to: valid)
            if ourVersions != theirVersions { problems.append("\(here): versions \(ourVersions) vs \(theirVersions)") }
            if FieldType(parsing: Substring(json["type"] as? String ?? "")) != field.type {
                problems.append("\(here): type differs from \(json["type"] ?? "")")
            }
            if field.nullableVersions.clamped(to: ourVersions) != versions(json["nullableVersions"]).clamped(to: ourVersions) {
                problems.append("\(here): nullable versions differ")
            }
            if field.tag != json["tag"] as? Int { problems.append("\(here): tag differs") }
            if field.tag != nil,
                field.taggedVersions.clamped(to: valid) != versions(json["taggedVersions"]).clamped(to: valid)
            {
                problems.append("\(here): tagged versions differ")
            }
            let theirDefault = json["default"].map { "\($0)" }
            if normalizedDefault(field.defaultValue) != normalizedDefault(theirDefault) {
                problems.append("\(here): default \(field.defaultValue ?? "none") vs \(theirDefault ?? "none")")
            }
            if let structName = field.type.structName {
                let ourChildren = field.inlineStruct?.fields ?? ourCommon[structName] ?? []
                let theirChildren = json["fields"] as? [[String: Any]] ?? theirCommon[structName] ?? []
                problems += compareFields(
                    ourChildren, theirChildren, valid: valid, path: here, ourCommon: ourCommon,
                    theirCommon: theirCommon)
            }
        }
        return problems
    }

    /// Tagged fields that later Kafka releases added to versions the reference already defines (spec comments
    /// give the release): not in the reference files, so not compared.
    static let addedAfterReference: Set<String> = [
        "OffsetCommitValue.TopicId", "TransactionLogValue.NextProducerEpoch",
    ]

    /// Fields that later Kafka releases renamed without changing the wire format; the spec uses the new name.
    static let renamedAfterReference: [String: String] = [
        "TxnOffsetCommitRequest.GenerationIdOrMemberEpoch": "GenerationId"
    ]

    /// Zero values are implicit in our spec; numbers may be written in hex in Apache's; strings are quoted in ours.
    static func normalizedDefault(_ value: String?) -> String? {
        guard var value else { return nil }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        value = value.lowercased()
        if value.hasPrefix("0x"), let number = Int(value.dropFirst(2), radix: 16) { value = String(number) }
        if value.hasPrefix("-0x"), let number = Int(value.dropFirst(3), radix: 16) { value = String(-number) }
        return ["0", "false", "", "0.0"].contains(value) ? nil : value
    }
}
