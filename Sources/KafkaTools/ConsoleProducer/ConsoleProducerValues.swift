import KafkaCLISupport

/// A problem the console producer reports as one line on stderr before exiting 1 (jopt's own errors are
/// `JoptError`s).
struct ConsoleProducerFailure: Error, Hashable, CustomStringConvertible {
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}

extension JoptParsedArguments {
    /// `valueOf(spec).toString()` for one of the console producer's options: the given value converted as Java's
    /// `Integer.valueOf` or `Long.valueOf` would (`+007` is `7`), or the option's default when it is absent.
    func consoleProducerValue(_ name: String) throws -> String? {
        guard let option = ConsoleProducerOptions.byName[name] else { return nil }
        guard let text = try value(name) else { return option.defaultValue }
        switch option.type {
        case .string:
            return text
        case .integer:
            guard let number = Self.javaInteger(text) else {
                throw JoptError.cannotParseArgument(argument: text, option: name)
            }
            return String(number)
        case .long:
            guard let number = Self.javaLong(text) else {
                throw JoptError.cannotParseArgument(argument: text, option: name)
            }
            return String(number)
        }
    }

    /// Java's `Long.parseLong`: `+`/`-` then ASCII digits only, 64 bits.
    static func javaLong(_ text: String) -> Int64? {
        guard text.utf8.allSatisfy({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || (48...57).contains($0) })
        else { return nil }
        return Int64(text)
    }
}
