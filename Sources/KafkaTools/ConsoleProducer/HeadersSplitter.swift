/// `headers.separator`, which Java compiles as a regular expression and applies with `Pattern.split`.
///
/// Separators without regex metacharacters (the default `,` among them) are matched as plain bytes; others go
/// through the standard library's `Regex` at Unicode-scalar level, as Java's matcher works on code points. `Regex`
/// is not `Sendable`, so neither is this type.
struct HeadersSplitter {
    private enum Matcher {
        case literal([UInt8])
        case pattern(Regex<AnyRegexOutput>)
    }

    private let matcher: Matcher

    /// The characters that make a Java pattern more than its literal text.
    private static let metacharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    init(pattern: String) throws {
        if !pattern.isEmpty && !pattern.contains(where: Self.metacharacters.contains) {
            matcher = .literal(Array(pattern.utf8))
            return
        }
        do {
            matcher = .pattern(try Regex(pattern).matchingSemantics(.unicodeScalar))
        } catch {
            throw LineMessageReader.ConfigurationError.invalidHeadersSeparator(pattern: pattern, reason: "\(error)")
        }
    }

    /// The pieces between matches, with `Pattern.split`'s rules (limit 0): no input matched gives the whole input
    /// (so "" gives [""]); a zero-width match at the start adds no leading piece; trailing empty pieces are dropped.
    func split(_ headers: [UInt8]) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var index = 0
        for match in matches(in: headers) {
            if index == 0 && match.lowerBound == 0 && match.isEmpty { continue }
            pieces.append(headers[index..<match.lowerBound])
            index = match.upperBound
        }
        if index == 0 { return [headers[...]] }
        pieces.append(headers[index...])
        while let last = pieces.last, last.isEmpty { pieces.removeLast() }
        return pieces
    }

    /// Match ranges as UTF-8 offsets.
    private func matches(in headers: [UInt8]) -> [Range<Int>] {
        switch matcher {
        case .literal(let separator):
            return ByteSearch.ranges(of: separator, in: headers)
        case .pattern(let regex):
            let text = String(decoding: headers, as: UTF8.self)
            let utf8 = text.utf8
            return text.ranges(of: regex).map { range in
                utf8.distance(from: utf8.startIndex, to: range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: range.upperBound)
            }
        }
    }
}
