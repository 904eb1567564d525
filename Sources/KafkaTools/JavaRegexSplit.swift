/// The two `String.split(regex)` calls Apache's tools use on `key=value` arguments, without a regex engine:
/// `--config` splits on `\s*=\s*`; `--add-config` splits on `,` and `\s*=\s*`, each followed by the lookahead
/// `(?=[^\]]*(?:\[|$))` so that separators inside `[...]` do not count.
enum JavaRegexSplit {
    /// - Parameters:
    ///   - aroundWhitespace: the separator takes the whitespace on both sides (`\s*=\s*`).
    ///   - outsideBrackets: a separator counts only when the text after it reaches `[` or the end before any `]`.
    ///   - keepTrailingEmpty: split's limit -1; otherwise (limit 0) trailing empty pieces are dropped. A text with
    ///     no separator is returned whole either way.
    static func split(
        _ text: String, on separator: Character, aroundWhitespace: Bool = false, outsideBrackets: Bool = false,
        keepTrailingEmpty: Bool = false
    ) -> [String] {
        let characters = Array(text)
        var pieces: [String] = []
        var current = ""
        var index = 0
        var matched = false
        while index < characters.count {
            let character = characters[index]
            if character == separator && (!outsideBrackets || isOutsideBrackets(characters, after: index)) {
                if aroundWhitespace { while let last = current.last, isWhitespace(last) { current.removeLast() } }
                pieces.append(current)
                current = ""
                matched = true
                index += 1
                if aroundWhitespace { while index < characters.count, isWhitespace(characters[index]) { index += 1 } }
                continue
            }
            current.append(character)
            index += 1
        }
        pieces.append(current)
        guard matched else { return [text] }
        if !keepTrailingEmpty { while pieces.last?.isEmpty == true { pieces.removeLast() } }
        return pieces
    }

    /// The lookahead `(?=[^\]]*(?:\[|$))`.
    private static func isOutsideBrackets(_ characters: [Character], after index: Int) -> Bool {
        for character in characters[(index + 1)...] {
            if character == "[" { return true }
            if character == "]" { return false }
        }
        return true
    }

    /// Java regex `\s`.
    private static func isWhitespace(_ character: Character) -> Bool {
        [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains(character)
    }
}
