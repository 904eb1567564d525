import Foundation

/// Builds indented Swift source text, four spaces per level.
struct CodeWriter {
    private(set) var text = ""
    private var level = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: level) + content + "\n"
        }
    }

    mutating func doc(_ lines: [String]) {
        for entry in lines { line(entry.isEmpty ? "///" : "/// \(entry)") }
    }

    /// Writes `prefix(` with one parameter per line when they do not fit on one line, then a block.
    mutating func block(
        prefix: String, parameters: [String], suffix: String = "", _ body: (inout CodeWriter) throws -> Void
    ) rethrows {
        let single = prefix + "(" + parameters.joined(separator: ", ") + ")" + suffix
        if single.count + level * 4 <= 120 {
            try block(single, body)
            return
        }
        line(prefix + "(")
        level += 1
        for (index, parameter) in parameters.enumerated() {
            line(parameter + (index == parameters.count - 1 ? "" : ","))
        }
        level -= 1
        try block(")" + suffix, body)
    }

    /// Writes `header {`, the body one level deeper, then `}`.
    mutating func block(_ header: String, opener: String = "{", _ body: (inout CodeWriter) throws -> Void) rethrows {
        line(opener.isEmpty ? header : header + " " + opener)
        level += 1
        try body(&self)
        level -= 1
        if !opener.isEmpty { line("}") }
    }
}

/// Swift spellings of spec names.
enum SwiftNames {
    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init", "inout", "internal",
        "let", "operator", "private", "protocol", "public", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "switch", "where", "while", "as", "catch", "false", "is", "nil", "rethrows", "super",
        "self", "Self", "throw", "throws", "true", "try", "Type", "Protocol", "any", "some",
    ]

    /// `ThrottleTimeMs` → `throttleTimeMs`; a leading acronym is lowered whole (`ISRNodes` → `isrNodes`).
    static func property(_ specName: String) -> String {
        let characters = Array(specName)
        var upperRun = 0
        while upperRun < characters.count, characters[upperRun].isUppercase { upperRun += 1 }
        let lowered: Int
        if upperRun <= 1 || upperRun == characters.count {
            lowered = upperRun == characters.count ? upperRun : 1
        } else {
            lowered = upperRun - 1
        }
        let name = String(characters[..<lowered]).lowercased() + String(characters[lowered...])
        return keywords.contains(name) ? "`\(name)`" : name
    }

    /// A name used after a dot or in a declaration context where backticks are still needed for keywords.
    static func unescaped(_ property: String) -> String {
        property.replacingOccurrences(of: "`", with: "")
    }

    /// `UNKNOWN_SERVER_ERROR` → `unknownServerError`.
    static func camelFromUpperSnake(_ name: String) -> String {
        let parts = name.lowercased().split(separator: "_")
        guard let first = parts.first else { return name }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `CreateTopicsRequest` → `createTopics` (for the ApiKey case).
    static func apiCase(_ messageName: String) -> String {
        let base = messageName.hasSuffix("Request") ? String(messageName.dropLast("Request".count)) : messageName
        return property(base)
    }

    /// A Swift string literal for arbitrary text.
    static func stringLiteral(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
