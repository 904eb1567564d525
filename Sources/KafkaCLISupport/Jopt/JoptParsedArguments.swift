/// What jopt-simple's `OptionSet` holds after a parse. Values are converted when read, as jopt converts them in
/// `valueOf`, so a bad number or a repeated single-valued option fails where Apache's tool reads it, not before.
public struct JoptParsedArguments: Sendable, Hashable {
    /// One detected option with the value it brought (nil for a flag). A separated argument (`a,b`) is one
    /// occurrence per value, as jopt records it in `OptionSet.specs()`.
    public struct Occurrence: Sendable, Hashable {
        public let name: String
        public let value: String?

        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// In command-line order.
    public let occurrences: [Occurrence]
    /// Tokens that were neither options nor their arguments; Apache's tools ignore them.
    public let nonOptionArguments: [String]
    /// How many tokens the command line had (Apache's tools print their usage when there are none).
    public let argumentCount: Int

    public init(occurrences: [Occurrence], nonOptionArguments: [String] = [], argumentCount: Int) {
        self.occurrences = occurrences
        self.nonOptionArguments = nonOptionArguments
        self.argumentCount = argumentCount
    }

    /// `OptionSet.has`.
    public func has(_ name: String) -> Bool { occurrences.contains { $0.name == name } }

    /// `OptionSet.valuesOf`: every value, in order.
    public func values(_ name: String) -> [String] {
        occurrences.compactMap { $0.name == name ? $0.value : nil }
    }

    /// `OptionSet.valueOf`: nil when absent; more than one value is jopt's "multiple arguments" error.
    public func value(_ name: String) throws(JoptError) -> String? {
        let all = values(name)
        guard all.count <= 1 else { throw .multipleArguments(option: name) }
        return all.first
    }

    /// `valueOf` of an `ofType(Integer.class)` option: `Integer.valueOf`'s syntax (optional sign, decimal digits,
    /// 32 bits), otherwise jopt's "Cannot parse argument" error.
    public func integer(_ name: String) throws(JoptError) -> Int32? {
        guard let text = try value(name) else { return nil }
        guard let number = Self.javaInteger(text) else {
            throw .cannotParseArgument(argument: text, option: name)
        }
        return number
    }

    /// Java's `Integer.parseInt`: `+`/`-` then ASCII digits only (Swift's `Int32(_:)` agrees on that syntax).
    public static func javaInteger(_ text: String) -> Int32? {
        guard text.utf8.allSatisfy({ $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || (48...57).contains($0) })
        else { return nil }
        return Int32(text)
    }
}
