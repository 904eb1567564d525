/// Reads `.kspec` text (grammar in Specs/README.md) into message specs, with file:line errors.
public struct SpecParser {
    private struct Line {
        var number: Int
        var indent: Int
        var words: [Substring]
        var doc: [String]
    }

    private let file: String
    private var lines: [Line] = []
    private var position = 0

    public init(file: String, text: String) throws {
        self.file = file
        var pendingDoc: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.drop(while: { $0 == " " })
            if trimmed.isEmpty {
                pendingDoc = []
                continue
            }
            if trimmed.hasPrefix("#") {
                pendingDoc.append(String(trimmed.dropFirst().drop(while: { $0 == " " })))
                continue
            }
            let indent = raw.count - trimmed.count
            guard indent % 2 == 0 else { throw SpecError(file: file, line: index + 1, message: "odd indentation") }
            lines.append(Line(number: index + 1, indent: indent / 2, words: Self.words(trimmed), doc: pendingDoc))
            pendingDoc = []
        }
    }

    /// Splits on spaces, keeping a double-quoted value (`default="a b"`) in one word.
    private static func words(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        var start: Substring.Index?
        var quoted = false
        for index in text.indices {
            let character = text[index]
            if character == "\"" { quoted.toggle() }
            if character == " " && !quoted {
                if let begin = start { result.append(text[begin..<index]) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let begin = start { result.append(text[begin...]) }
        return result
    }

    private func error(_ line: Line, _ message: String) -> SpecError {
        SpecError(file: file, line: line.number, message: message)
    }

    // MARK: Messages

    public mutating func parseMessages() throws -> [MessageSpec] {
        var messages: [MessageSpec] = []
        while position < lines.count {
            messages.append(try parseMessage())
        }
        return messages
    }

    private mutating func parseMessage() throws -> MessageSpec {
        let line = lines[position]
        position += 1
        guard line.indent == 0, let kindWord = line.words.first, let kind = MessageSpec.Kind(rawValue: String(kindWord)),
            line.words.count >= 2
        else {
            throw error(line, "expected 'request|response|data <Name> key=.. versions=.. flexible=..'")
        }
        let attributes = try self.attributes(line.words.dropFirst(2), line: line)
        var message = MessageSpec(
            kind: kind, name: String(line.words[1]), apiKey: nil, validVersions: .none, flexibleVersions: .none,
            headerOverride: nil, fields: [], commonStructs: [], doc: line.doc, sourcePath: file)
        for (key, value) in attributes {
            switch key {
            case "key":
                guard let number = Int(value) else { throw error(line, "bad key '\(value)'") }
                message.apiKey = number
            case "versions": message.validVersions = try versions(value, line)
            case "flexible": message.flexibleVersions = try versions(value, line)
            case "header":
                let parts = value.split(separator: "@", maxSplits: 1)
                guard let header = Int(parts[0]) else { throw error(line, "bad header '\(value)'") }
                message.headerOverride = .init(
                    headerVersion: header, versions: parts.count > 1 ? try versions(parts[1], line) : nil)
            default: throw error(line, "unknown message attribute '\(key)'")
            }
        }
        if message.validVersions.isEmpty { throw error(line, "missing versions=") }
        if kind != .data && message.apiKey == nil { throw error(line, "missing key=") }
        while position < lines.count, lines[position].indent > 0 {
            let next = lines[position]
            guard next.indent == 1 else { throw error(next, "unexpected indentation") }
            if next.words.first == "common" {
                guard next.words.count == 2 else { throw error(next, "expected 'common <Name>'") }
                position += 1
                message.commonStructs.append(
                    StructSpec(name: String(next.words[1]), fields: try parseFields(indent: 2), doc: next.doc))
            } else {
                message.fields.append(try parseField(indent: 1))
            }
        }
        return message
    }

    private mutating func parseFields(indent: Int) throws -> [FieldSpec] {
        var fields: [FieldSpec] = []
        while position < lines.count, lines[position].indent >= indent {
            guard lines[position].indent == indent else { throw error(lines[position], "unexpected indentation") }
            fields.append(try parseField(indent: indent))
        }
        return fields
    }

    private mutating func parseField(indent: Int) throws -> FieldSpec {
        let line = lines[position]
        position += 1
        guard line.words.count >= 3 else { throw error(line, "expected '<Name> <type> <versions> [attributes]'") }
        let name = String(line.words[0])
        guard let first = name.first, first.isUppercase else {
            throw error(line, "field name '\(name)' must start with a capital letter")
        }
        guard let type = FieldType(parsing: line.words[1]) else { throw error(line, "unknown type '\(line.words[1])'") }
        var field = FieldSpec(
            name: name, type: type, versions: try versions(line.words[2], line), nullableVersions: .none, tag: nil,
            taggedVersions: .none, defaultValue: nil, ignorable: false, neverCompact: false, inlineStruct: nil,
            doc: line.doc, line: line.number)
        var taggedGiven = false
        for (key, value) in try attributes(line.words.dropFirst(3), line: line) {
            switch key {
            case "nullable": field.nullableVersions = try versions(value, line)
            case "tag":
                guard let tag = Int(value), tag >= 0 else { throw error(line, "bad tag '\(value)'") }
                field.tag = tag
            case "tagged":
                field.taggedVersions = try versions(value, line)
                taggedGiven = true
            case "default": field.defaultValue = String(value)
            case "ignorable": field.ignorable = true
            case "compact":
                guard value == "none" else { throw error(line, "compact= only takes 'none'") }
                field.neverCompact = true
            default: throw error(line, "unknown field attribute '\(key)'")
            }
        }
        if field.tag != nil && !taggedGiven { field.taggedVersions = field.versions }
        if taggedGiven && field.tag == nil { throw error(line, "tagged= without tag=") }
        if position < lines.count, lines[position].indent > indent {
            guard let structName = type.structName else {
                throw error(lines[position], "only struct fields can have nested fields")
            }
            field.inlineStruct = StructSpec(name: structName, fields: try parseFields(indent: indent + 1), doc: [])
        }
        return field
    }

    private func attributes(_ words: ArraySlice<Substring>, line: Line) throws -> [(String, Substring)] {
        try words.map { word in
            if word == "ignorable" { return ("ignorable", "") }
            guard let equals = word.firstIndex(of: "=") else { throw error(line, "expected key=value, got '\(word)'") }
            return (String(word[..<equals]), word[word.index(after: equals)...])
        }
    }

    private func versions(_ text: Substring, _ line: Line) throws -> VersionRange {
        guard let range = VersionRange(parsing: text) else { throw error(line, "bad versions '\(text)'") }
        return range
    }

    // MARK: Errors

    public func parseErrorCodes() throws -> [ErrorCodeSpec] {
        try lines.map { line in
            guard line.words.count >= 4, let code = Int(line.words[0]),
                line.words[2] == "retriable" || line.words[2] == "fatal"
            else {
                throw error(line, "expected '<code> <NAME> <retriable|fatal> \"message\"'")
            }
            let message = line.words[3...].joined(separator: " ")
            guard message.count >= 2, message.hasPrefix("\""), message.hasSuffix("\"") else {
                throw error(line, "the message must be in double quotes")
            }
            return ErrorCodeSpec(
                code: code, name: String(line.words[1]), retriable: line.words[2] == "retriable",
                message: String(message.dropFirst().dropLast()))
        }
    }
}
