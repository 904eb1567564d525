/// One `sasl.jaas.config` value, read the way Java's JAAS parser (a StreamTokenizer) reads it:
/// `<LoginModuleClass> <flag> key=value ... ;` with `"..."` or `'...'` values (backslash escapes),
/// unquoted word values, and `//` or `/* */` comments. Kafka requires exactly one login module.
public struct JaasConfig: Sendable, Hashable {
    public enum ControlFlag: String, Sendable, Hashable {
        case required, requisite, sufficient, optional
    }

    public var loginModule: String
    public var flag: ControlFlag
    /// The options in the order written; a repeated key keeps its last value, as in Java's map.
    public var options: [String: String]

    public init(loginModule: String, flag: ControlFlag = .required, options: [String: String]) {
        self.loginModule = loginModule
        self.flag = flag
        self.options = options
    }

    public static let plainLoginModule = "org.apache.kafka.common.security.plain.PlainLoginModule"
    public static let scramLoginModule = "org.apache.kafka.common.security.scram.ScramLoginModule"

    /// Parses a value holding exactly one login module.
    public init(parsing text: String) throws(JaasConfigError) {
        let modules = try Self.parseModules(text)
        guard modules.count == 1, let module = modules.first else {
            if modules.isEmpty { throw JaasConfigError("JAAS config property does not contain any login modules") }
            throw JaasConfigError("JAAS config property contains \(modules.count) login modules, should be 1 module")
        }
        self = module
    }

    /// Every login module in `text` (a broker's `listener.name.*.sasl.jaas.config` also holds one).
    public static func parseModules(_ text: String) throws(JaasConfigError) -> [JaasConfig] {
        var tokens = JaasTokenizer(text)
        var modules: [JaasConfig] = []
        while let token = try tokens.next() {
            guard case .word(let name) = token else {
                throw JaasConfigError("Invalid JAAS config: expected a login module name, found \(token)")
            }
            guard case .word(let flagText)? = try tokens.next() else {
                throw JaasConfigError("Login module control flag not specified in JAAS config")
            }
            guard let flag = ControlFlag(rawValue: flagText.lowercased()) else {
                throw JaasConfigError("Invalid login module control flag '\(flagText)' in JAAS config")
            }
            var options: [String: String] = [:]
            optionLoop: while true {
                switch try tokens.next() {
                case .semicolon?:
                    break optionLoop
                case nil:
                    throw JaasConfigError("JAAS config entry not terminated by semi-colon")
                case .word(let key)?:
                    guard try tokens.next() == .equals else {
                        throw JaasConfigError("Property '\(key)' not specified in JAAS config")
                    }
                    switch try tokens.next() {
                    case .word(let value)?, .quoted(let value)?: options[key] = value
                    default: throw JaasConfigError("Value not specified for key '\(key)' in JAAS config")
                    }
                case let other?:
                    throw JaasConfigError("Unexpected \(other) in JAAS config")
                }
            }
            modules.append(JaasConfig(loginModule: name, flag: flag, options: options))
        }
        return modules
    }
}

/// Says what is wrong with the line's shape; never quotes a value (it may be a password).
public struct JaasConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

enum JaasToken: Equatable, CustomStringConvertible {
    case word(String)
    case quoted(String)
    case equals
    case semicolon
    case other(Character)

    var description: String {
        switch self {
        case .word(let word): "'\(word)'"
        case .quoted: "a quoted value"
        case .equals: "'='"
        case .semicolon: "';'"
        case .other(let character): "'\(character)'"
        }
    }
}

/// The subset of `java.io.StreamTokenizer` that Kafka's JaasConfig configures.
struct JaasTokenizer {
    private var characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    mutating func next() throws(JaasConfigError) -> JaasToken? {
        try skipBlanksAndComments()
        guard index < characters.count else { return nil }
        let character = characters[index]
        if Self.startsWord(character) {
            let start = index
            while index < characters.count, Self.continuesWord(characters[index]) { index += 1 }
            return .word(String(characters[start..<index]))
        }
        index += 1
        switch character {
        case "=": return .equals
        case ";": return .semicolon
        case "\"", "'": return .quoted(try quoted(until: character))
        default: return .other(character)
        }
    }

    private mutating func quoted(until quote: Character) throws(JaasConfigError) -> String {
        var value = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == quote { return value }
            // StreamTokenizer also ends a quoted string at a line end.
            if character == "\n" || character == "\r" { return value }
            guard character == "\\", index < characters.count else {
                value.append(character)
                continue
            }
            let escaped = characters[index]
            index += 1
            switch escaped {
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "b": value.append("\u{8}")
            case "f": value.append("\u{c}")
            case "a": value.append("\u{7}")
            case "v": value.append("\u{b}")
            default: value.append(escaped)
            }
        }
        return value
    }

    private mutating func skipBlanksAndComments() throws(JaasConfigError) {
        while index < characters.count {
            let character = characters[index]
            if character.unicodeScalars.allSatisfy({ $0.value <= 0x20 }) {
                index += 1
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") {
                    index += 1
                }
                guard index + 1 < characters.count else { throw JaasConfigError("Unterminated comment in JAAS config") }
                index += 2
            } else {
                return
            }
        }
    }

    private static func startsWord(_ character: Character) -> Bool {
        character.isLetter || character == "-" || character == "_" || character == "$"
            || character.unicodeScalars.first.map { $0.value >= 0xA0 } == true
    }

    /// Digits and `.` continue a word (StreamTokenizer's numeric characters), so class names are one word.
    private static func continuesWord(_ character: Character) -> Bool {
        startsWord(character) || character.isASCII && (character.isNumber || character == ".")
    }
}
