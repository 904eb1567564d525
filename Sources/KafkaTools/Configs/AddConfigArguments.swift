import KafkaCLISupport

/// `--add-config 'k1=v1,k2=[a,b],k3=v3'` as `ConfigCommand.parseConfigsToBeAdded` reads it: commas inside `[...]`
/// do not separate, whitespace around `=` is dropped, every bracket is removed from values, keys must match
/// `[a-zA-Z0-9._-]*`.
enum AddConfigArguments {
    /// Scala's `require` prefixes "requirement failed: "; the two spaces after "or" are Apache's.
    static let invalidFormat =
        "requirement failed: Invalid entity config: all configs to be added must be in the format \"key=val\" or  \"key=[val1,val2]\" to group values which contain commas."

    struct Invalid: Error, Hashable, CustomStringConvertible {
        let description: String
    }

    /// The settings in command-line order (a key given twice keeps its last value, in its first place).
    static func parse(_ text: String) throws(Invalid) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        for item in JavaRegexSplit.split(text, on: ",", outsideBrackets: true) {
            let pair = JavaRegexSplit.split(
                item, on: "=", aroundWhitespace: true, outsideBrackets: true, keepTrailingEmpty: true)
            guard pair.count == 2 else { throw Invalid(description: invalidFormat) }
            let key = JavaText.trim(pair[0])
            let value = JavaText.trim(pair[1].filter { $0 != "[" && $0 != "]" })
            if let index = result.firstIndex(where: { $0.key == key }) {
                result[index].value = value
            } else {
                result.append((key, value))
            }
        }
        return result
    }

    /// `validatePropsKey`: the first key with a character outside `[a-zA-Z0-9._-]`.
    static func validateKeys(_ keys: [String]) throws(Invalid) {
        for key in keys where !key.utf16.allSatisfy(isKeyCharacter) {
            throw Invalid(description: "Invalid character found for config key: \(key)")
        }
    }

    private static func isKeyCharacter(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2E, 0x5F, 0x2D: return true
        default: return false
        }
    }
}
